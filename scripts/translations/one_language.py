"""One language from the first page to the last e-mail, and honest language versions after an
amendment (issue 17): English key -> [fr, es, ru, ar]."""
T = {
 # "Мария Иванова от организации «Ассоциация»": the organisation is quoted where the language would
 # otherwise inflect its name, which a name typed by the signer cannot be.
 "{0} for {1}": ["{0} pour {1}", "{0} en nombre de {1}", "{0} от организации «{1}»", "{0} باسم {1}"],
 "The main text changes but these language versions stay as they were: {0}. Update them, or tick the box to publish them marked as not updated.": [
  "Le texte principal change, mais ces versions linguistiques restent telles quelles : {0}. Mettez-les à jour, ou cochez la case pour les publier en les signalant comme non mises à jour.",
  "El texto principal cambia, pero estas versiones lingüísticas quedan como estaban: {0}. Actualícelas o marque la casilla para publicarlas señaladas como no actualizadas.",
  "Основной текст меняется, но эти языковые версии остаются прежними: {0}. Обновите их или отметьте флажок, чтобы опубликовать их с пометкой «не обновлено».",
  "يتغيّر النص الرئيسي لكن هذه النسخ اللغوية تبقى كما هي: {0}. حدّثها، أو ضع علامة في المربع لنشرها مع الإشارة إلى أنها لم تُحدَّث."],
 "The main text changes but some language versions stay as they were. Update them, or tick the box to publish them marked as not updated.": [
  "Le texte principal change, mais certaines versions linguistiques restent telles quelles. Mettez-les à jour, ou cochez la case pour les publier en les signalant comme non mises à jour.",
  "El texto principal cambia, pero algunas versiones lingüísticas quedan como estaban. Actualícelas o marque la casilla para publicarlas señaladas como no actualizadas.",
  "Основной текст меняется, но некоторые языковые версии остаются прежними. Обновите их или отметьте флажок, чтобы опубликовать их с пометкой «не обновлено».",
  "يتغيّر النص الرئيسي لكن بعض النسخ اللغوية تبقى كما هي. حدّثها، أو ضع علامة في المربع لنشرها مع الإشارة إلى أنها لم تُحدَّث."],
 "Publish even if some language versions are not updated": [
  "Publier même si certaines versions linguistiques ne sont pas mises à jour",
  "Publicar aunque algunas versiones lingüísticas no estén actualizadas",
  "Опубликовать, даже если некоторые языковые версии не обновлены",
  "النشر حتى إن لم تُحدَّث بعض النسخ اللغوية"],
 "Those versions will say they have not been updated since their last change, with a link to the current main text.": [
  "Ces versions indiqueront qu’elles n’ont pas été mises à jour depuis leur dernière modification, avec un lien vers le texte principal actuel.",
  "Esas versiones indicarán que no se han actualizado desde su último cambio, con un enlace al texto principal actual.",
  "В этих версиях будет указано, что они не обновлялись с последнего изменения, и дана ссылка на текущий основной текст.",
  "ستذكر تلك النسخ أنها لم تُحدَّث منذ آخر تغيير فيها، مع رابط إلى النص الرئيسي الحالي."],
 "This translation has not been updated since version {0}.": [
  "Cette traduction n’a pas été mise à jour depuis la version {0}.",
  "Esta traducción no se ha actualizado desde la versión {0}.",
  "Этот перевод не обновлялся с версии {0}.",
  "لم تُحدَّث هذه الترجمة منذ النسخة {0}."],
 "Read the current main text ({0})": [
  "Lire le texte principal actuel ({0})",
  "Leer el texto principal actual ({0})",
  "Читать текущий основной текст ({0})",
  "اقرأ النص الرئيسي الحالي ({0})"],
 "Version {0}: {1}": ["Version {0} : {1}", "Versión {0}: {1}", "Версия {0}: {1}", "النسخة {0}: {1}"],
 "Versions of {0}": ["Versions de {0}", "Versiones de {0}", "Версии: {0}", "نسخ {0}"],
 "Published versions": ["Versions publiées", "Versiones publicadas", "Опубликованные версии", "النسخ المنشورة"],
 "current": ["actuelle", "actual", "текущая", "الحالية"],
 "What changed from version {0} to {1}": [
  "Ce qui a changé de la version {0} à la version {1}",
  "Qué cambió de la versión {0} a la {1}",
  "Что изменилось с версии {0} до версии {1}",
  "ما الذي تغيّر من النسخة {0} إلى النسخة {1}"],
 "Earlier versions and what changed": [
  "Versions précédentes et changements",
  "Versiones anteriores y cambios",
  "Прежние версии и изменения",
  "النسخ السابقة وما تغيّر"],
 "Read the new version and what changed": [
  "Lire la nouvelle version et ce qui a changé",
  "Leer la nueva versión y qué cambió",
  "Прочитать новую версию и что изменилось",
  "اقرأ النسخة الجديدة وما تغيّر"],
 # Partner invitations name who invites: the coordinator (when they gave a name) and the lead organisation.
 "{0} of {1} invites {2} to sign {3}.": [
  "{0}, de {1}, invite {2} à signer {3}.",
  "{0}, de {1}, invita a {2} a firmar {3}.",
  "{0} ({1}) приглашает организацию «{2}» подписать {3}.",
  "يدعو {0} من {1} منظمة {2} إلى التوقيع على {3}."],
 "{0} invites {1} to sign {2}.": [
  "{0} invite {1} à signer {2}.",
  "{0} invita a {1} a firmar {2}.",
  "{0} приглашает организацию «{1}» подписать {2}.",
  "تدعو {0} منظمة {1} إلى التوقيع على {2}."],
}
