"""Limits on requests and account privacy (issue 18): unreadable form text, registration with a known address. English key -> [fr, es, ru, ar]."""
T = {
 "This field contains characters that are not text (a null character, or bytes that are not UTF-8). Type it again, or copy it again from its source.": [
   "Ce champ contient des caractères qui ne sont pas du texte (un caractère nul, ou des octets qui ne sont pas de l’UTF-8). Saisissez-le à nouveau, ou copiez-le à nouveau depuis sa source.",
   "Este campo contiene caracteres que no son texto (un carácter nulo o bytes que no son UTF-8). Escríbalo de nuevo o cópielo otra vez desde su origen.",
   "В этом поле есть символы, которые не являются текстом (нулевой символ или байты не в UTF-8). Введите его заново или скопируйте ещё раз из источника.",
   "يحتوي هذا الحقل على محارف ليست نصًا (محرف فارغ أو بايتات ليست بترميز UTF-8). اكتبه من جديد، أو انسخه مرة أخرى من مصدره."],
 "Someone tried to create an account with your address": [
   "Quelqu’un a essayé de créer un compte avec votre adresse",
   "Alguien intentó crear una cuenta con su dirección",
   "Кто-то пытался создать учётную запись с вашим адресом",
   "حاول شخص ما إنشاء حساب بعنوانك"],
 "Someone, probably you, tried to create a SignOnLetters account with this e-mail address. It already has an account, so nothing changed.": [
   "Quelqu’un, probablement vous, a essayé de créer un compte SignOnLetters avec cette adresse e-mail. Elle a déjà un compte, donc rien n’a changé.",
   "Alguien, probablemente usted, intentó crear una cuenta de SignOnLetters con esta dirección de correo. Ya tiene una cuenta, así que nada ha cambiado.",
   "Кто-то, вероятно вы, пытался создать учётную запись SignOnLetters с этим адресом электронной почты. У него уже есть учётная запись, поэтому ничего не изменилось.",
   "حاول شخص ما، ربما أنت، إنشاء حساب SignOnLetters بعنوان البريد الإلكتروني هذا. لهذا العنوان حساب بالفعل، لذلك لم يتغير شيء."],
 "If it was you, sign in with your password, or choose a new one: {0}.": [
   "Si c’était vous, connectez-vous avec votre mot de passe, ou choisissez-en un nouveau : {0}.",
   "Si fue usted, inicie sesión con su contraseña o elija una nueva: {0}.",
   "Если это были вы, войдите со своим паролем или выберите новый: {0}.",
   "إن كنت أنت، فسجّل الدخول بكلمة مرورك، أو اختر كلمة مرور جديدة: {0}."],
 "Reset your password": ["Réinitialiser votre mot de passe", "Restablecer su contraseña", "Сбросить пароль", "إعادة تعيين كلمة المرور"],
 "If it was not you, you can ignore this e-mail.": [
   "Si ce n’était pas vous, vous pouvez ignorer cet e-mail.",
   "Si no fue usted, puede ignorar este correo.",
   "Если это были не вы, просто не обращайте внимания на это письмо.",
   "إن لم تكن أنت، فيمكنك تجاهل هذه الرسالة."],
 "Too many failed sign-in attempts. Please wait a few minutes, then try again.": [
   "Trop de tentatives de connexion échouées. Veuillez patienter quelques minutes, puis réessayer.",
   "Demasiados intentos fallidos de inicio de sesión. Espere unos minutos y vuelva a intentarlo.",
   "Слишком много неудачных попыток входа. Подождите несколько минут и попробуйте снова.",
   "عدد كبير جدًا من محاولات تسجيل الدخول الفاشلة. يُرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى."],
 "Too many requests for account e-mails from your network in a short time. Wait an hour, then try again.": [
   "Trop de demandes d’e-mails de compte depuis votre réseau en peu de temps. Attendez une heure, puis réessayez.",
   "Demasiadas solicitudes de correos de cuenta desde su red en poco tiempo. Espere una hora y vuelva a intentarlo.",
   "Слишком много запросов писем для учётных записей из вашей сети за короткое время. Подождите час и попробуйте снова.",
   "طلبات كثيرة جدًا لرسائل الحسابات من شبكتك في وقت قصير. انتظر ساعة، ثم حاول مجددًا."],
}
