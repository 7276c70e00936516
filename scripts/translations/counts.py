"""Count-dependent texts. Each language lists the CLDR categories its rules use (PluralText.CategoriesUsedBy)."""
T = {
 "{0} signatures": {
   "en": {"one": "{0} signature", "other": "{0} signatures"},
   "fr": {"one": "{0} signature", "many": "{0} de signatures", "other": "{0} signatures"},
   "es": {"one": "{0} firma", "many": "{0} de firmas", "other": "{0} firmas"},
   "ru": {"one": "{0} подпись", "few": "{0} подписи", "many": "{0} подписей"},
   "ar": {"zero": "لا توقيعات", "one": "توقيع واحد", "two": "توقيعان", "few": "{0} توقيعات", "many": "{0} توقيعًا", "other": "{0} توقيع"},
 },
}
