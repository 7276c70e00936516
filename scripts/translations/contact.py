"""Contact the coordinators (issue 17): /letters/{slug}/contact, its e-mail to the coordinators, and the links to it. English key -> [fr, es, ru, ar]."""
T = {
 "Contact the coordinators": ["Contacter les coordinateurs", "Contactar con la coordinación", "Написать координаторам", "راسل المنسقين"],
 "Write to the coordinators of {0}. They receive your message by e-mail and can answer you at the address you give; their own addresses are not shown.": [
   "Écrivez aux coordinateurs de {0}. Ils reçoivent votre message par e-mail et peuvent vous répondre à l’adresse que vous indiquez ; leurs propres adresses ne sont pas affichées.",
   "Escriba a la coordinación de {0}. Recibe su mensaje por correo y puede responderle en la dirección que indique; sus propias direcciones no se muestran.",
   "Напишите координаторам письма {0}. Они получат ваше сообщение по электронной почте и смогут ответить на указанный вами адрес; их собственные адреса не показываются.",
   "اكتب إلى منسقي {0}. تصلهم رسالتك بالبريد الإلكتروني ويمكنهم الرد عليك على العنوان الذي تذكره؛ ولا تُعرض عناوينهم."],
 "To withdraw your signature, use the link in your confirmation e-mail. To have your personal data erased, or for any other question about your signature, write here with the address you signed with.": [
   "Pour retirer votre signature, utilisez le lien de votre e-mail de confirmation. Pour faire effacer vos données personnelles, ou pour toute autre question sur votre signature, écrivez ici avec l’adresse utilisée pour signer.",
   "Para retirar su firma, use el enlace de su correo de confirmación. Para que se borren sus datos personales, o para cualquier otra pregunta sobre su firma, escriba aquí con la dirección con la que firmó.",
   "Чтобы отозвать подпись, воспользуйтесь ссылкой из письма с подтверждением. Чтобы удалить ваши персональные данные или задать другой вопрос о подписи, напишите здесь с адреса, которым вы подписали.",
   "لسحب توقيعك، استخدم الرابط في رسالة التأكيد. لمحو بياناتك الشخصية، أو لأي سؤال آخر عن توقيعك، اكتب هنا بالعنوان الذي وقّعت به."],
 "Your e-mail address": ["Votre adresse e-mail", "Su dirección de correo", "Ваш адрес электронной почты", "عنوان بريدك الإلكتروني"],
 "The coordinators answer you at this address. It is not shown to anyone else.": [
   "Les coordinateurs vous répondent à cette adresse. Elle n’est montrée à personne d’autre.",
   "La coordinación le responde en esta dirección. No se muestra a nadie más.",
   "Координаторы ответят вам на этот адрес. Больше его никто не увидит.",
   "يرد عليك المنسقون على هذا العنوان. ولا يُعرض على أي شخص آخر."],
 "Your message": ["Votre message", "Su mensaje", "Ваше сообщение", "رسالتك"],
 "Send the message": ["Envoyer le message", "Enviar el mensaje", "Отправить сообщение", "أرسل الرسالة"],
 "Thank you. Your message is on its way to the letter's coordinators. If they answer, it will be by e-mail to the address you gave.": [
   "Merci. Votre message est en route vers les coordinateurs de la lettre. S’ils répondent, ce sera par e-mail à l’adresse que vous avez indiquée.",
   "Gracias. Su mensaje va de camino a la coordinación de la carta. Si responde, será por correo a la dirección que indicó.",
   "Спасибо. Ваше сообщение отправлено координаторам письма. Если они ответят, то по электронной почте на указанный вами адрес.",
   "شكرًا لك. رسالتك في طريقها إلى منسقي الرسالة. إن ردّوا، فسيكون ذلك بالبريد الإلكتروني على العنوان الذي ذكرته."],
 "A message about {0}": ["Un message au sujet de {0}", "Un mensaje sobre {0}", "Сообщение о письме {0}", "رسالة بشأن {0}"],
 "{0} wrote to the coordinators of {1} from the letter's contact page:": [
   "{0} a écrit aux coordinateurs de {1} depuis la page de contact de la lettre :",
   "{0} escribió a la coordinación de {1} desde la página de contacto de la carta:",
   "{0} написал(а) координаторам письма {1} со страницы связи:",
   "كتب {0} إلى منسقي {1} من صفحة التواصل الخاصة بالرسالة:"],
 "Reply to this e-mail to answer {0} at {1}. They do not have your address until you reply.": [
   "Répondez à cet e-mail pour répondre à {0} à l’adresse {1}. Cette personne n’a pas votre adresse tant que vous ne répondez pas.",
   "Responda a este correo para contestar a {0} en {1}. Esa persona no tiene su dirección hasta que usted responda.",
   "Ответьте на это письмо, чтобы ответить {0} по адресу {1}. У этого человека нет вашего адреса, пока вы не ответите.",
   "ردّ على هذه الرسالة للإجابة على {0} على العنوان {1}. لا يملك هذا الشخص عنوانك حتى تردّ."],
 "Anyone can use this form: check who is writing before you share anything about signers.": [
   "Tout le monde peut utiliser ce formulaire : vérifiez qui vous écrit avant de partager quoi que ce soit sur les signataires.",
   "Cualquiera puede usar este formulario: compruebe quién escribe antes de compartir nada sobre los firmantes.",
   "Этой формой может воспользоваться кто угодно: прежде чем сообщать что-либо о подписавших, проверьте, кто вам пишет.",
   "يمكن لأي شخص استخدام هذا النموذج: تحقّق ممن يكتب قبل أن تشارك أي شيء عن الموقّعين."],
 "The letter's public page": ["La page publique de la lettre", "La página pública de la carta", "Публичная страница письма", "الصفحة العامة للرسالة"],
 "Too many messages were sent from your network in the last hour. Please wait an hour, then send your message again.": [
   "Trop de messages ont été envoyés depuis votre réseau au cours de la dernière heure. Attendez une heure, puis envoyez de nouveau votre message.",
   "Se enviaron demasiados mensajes desde su red en la última hora. Espere una hora y vuelva a enviar su mensaje.",
   "За последний час из вашей сети отправлено слишком много сообщений. Подождите час и отправьте сообщение снова.",
   "أُرسلت رسائل كثيرة جدًا من شبكتك خلال الساعة الماضية. انتظر ساعة، ثم أرسل رسالتك مجددًا."],
 "The coordinators of this letter have received many messages in the last hour. Please wait an hour, then send your message again.": [
   "Les coordinateurs de cette lettre ont reçu beaucoup de messages au cours de la dernière heure. Attendez une heure, puis envoyez de nouveau votre message.",
   "La coordinación de esta carta ha recibido muchos mensajes en la última hora. Espere una hora y vuelva a enviar su mensaje.",
   "Координаторы этого письма получили за последний час много сообщений. Подождите час и отправьте сообщение снова.",
   "تلقى منسقو هذه الرسالة رسائل كثيرة خلال الساعة الماضية. انتظر ساعة، ثم أرسل رسالتك مجددًا."],
 "Questions about this letter, or about your signature?": [
   "Des questions sur cette lettre ou sur votre signature ?",
   "¿Preguntas sobre esta carta o sobre su firma?",
   "Вопросы об этом письме или о вашей подписи?",
   "هل لديك أسئلة عن هذه الرسالة أو عن توقيعك؟"],
 "To write to the coordinators of a letter (to have your data erased, for instance), use “Contact the coordinators” on the letter's page. Their addresses are never shown; they answer you by e-mail.": [
   "Pour écrire aux coordinateurs d’une lettre (pour faire effacer vos données, par exemple), utilisez « Contacter les coordinateurs » sur la page de la lettre. Leurs adresses ne sont jamais affichées ; ils vous répondent par e-mail.",
   "Para escribir a la coordinación de una carta (para que se borren sus datos, por ejemplo), use «Contactar con la coordinación» en la página de la carta. Sus direcciones nunca se muestran; le responden por correo.",
   "Чтобы написать координаторам письма (например, чтобы удалить ваши данные), воспользуйтесь ссылкой «Написать координаторам» на странице письма. Их адреса никогда не показываются; они ответят вам по электронной почте.",
   "للكتابة إلى منسقي رسالة (لمحو بياناتك مثلًا)، استخدم «راسل المنسقين» في صفحة الرسالة. لا تُعرض عناوينهم أبدًا؛ ويردّون عليك بالبريد الإلكتروني."],
}
