"""Count-dependent texts. Each language lists the CLDR categories its rules use (PluralText.CategoriesUsedBy)."""
T = {
 "{0} signatures": {
   "en": {"one": "{0} signature", "other": "{0} signatures"},
   "fr": {"one": "{0} signature", "many": "{0} de signatures", "other": "{0} signatures"},
   "es": {"one": "{0} firma", "many": "{0} de firmas", "other": "{0} firmas"},
   "ru": {"one": "{0} подпись", "few": "{0} подписи", "many": "{0} подписей"},
   "ar": {"zero": "لا توقيعات", "one": "توقيع واحد", "two": "توقيعان", "few": "{0} توقيعات", "many": "{0} توقيعًا", "other": "{0} توقيع"},
 },
 "{0} signatories": {
   "en": {"one": "{0} signatory", "other": "{0} signatories"},
   "fr": {"one": "{0} signataire", "many": "{0} de signataires", "other": "{0} signataires"},
   "es": {"one": "{0} firmante", "many": "{0} de firmantes", "other": "{0} firmantes"},
   "ru": {"one": "{0} подписант", "few": "{0} подписанта", "many": "{0} подписантов"},
   "ar": {"zero": "لا موقّعين", "one": "موقّع واحد", "two": "موقّعان", "few": "{0} موقّعين", "many": "{0} موقّعًا", "other": "{0} موقّع"},
 },
 # The headline: "349 signatories from 72 countries: 95 organisations and 254 individuals"
 # ({0} signatories, {1} from countries, {2} organisations, {3} individuals), or two parts when one kind has none.
 "{0} {1}: {2} and {3}": ["{0} {1} : {2} et {3}", "{0} {1}: {2} y {3}", "{0} {1}: {2} и {3}", "{0} {1}: {2} و{3}"],
 "{0} {1}": ["{0} {1}", "{0} {1}", "{0} {1}", "{0} {1}"],
 # {0} is "500 signatures", {1} the share reached ("70 %").
 "Goal: {0} ({1} reached)": ["Objectif : {0} ({1} atteints)", "Meta: {0} ({1} alcanzado)", "Цель: {0} (достигнуто {1})", "الهدف: {0} (تحقّق {1})"],
}
