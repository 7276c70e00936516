"""Limits on requests (issue 18): unreadable form text. English key -> [fr, es, ru, ar]."""
T = {
 "This field contains characters that are not text (a null character, or bytes that are not UTF-8). Type it again, or copy it again from its source.": [
   "Ce champ contient des caractères qui ne sont pas du texte (un caractère nul, ou des octets qui ne sont pas de l’UTF-8). Saisissez-le à nouveau, ou copiez-le à nouveau depuis sa source.",
   "Este campo contiene caracteres que no son texto (un carácter nulo o bytes que no son UTF-8). Escríbalo de nuevo o cópielo otra vez desde su origen.",
   "В этом поле есть символы, которые не являются текстом (нулевой символ или байты не в UTF-8). Введите его заново или скопируйте ещё раз из источника.",
   "يحتوي هذا الحقل على محارف ليست نصًا (محرف فارغ أو بايتات ليست بترميز UTF-8). اكتبه من جديد، أو انسخه مرة أخرى من مصدره."],
}
