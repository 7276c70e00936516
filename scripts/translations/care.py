"""Coordinator care (issue 17): bulk review, releasing held submissions, confirmation pages: English key -> [fr, es, ru, ar]."""
T = {
 # The review queue
 "for identification": ["pour identification", "para identificación", "для идентификации", "للتعريف"],
 "Never confirmed by e-mail: approving it sends the confirmation e-mail": [
   "Jamais confirmée par e-mail : l’approuver envoie l’e-mail de confirmation",
   "Nunca confirmada por correo: aprobarla envía el correo de confirmación",
   "Не подтверждена по почте: одобрение отправит письмо для подтверждения",
   "لم يُؤكَّد بالبريد الإلكتروني قط: قبوله يرسل بريد التأكيد"],
 "Approving a signature that was never confirmed sends its confirmation e-mail; it counts once the signer confirms.": [
   "Approuver une signature jamais confirmée envoie son e-mail de confirmation ; elle compte dès que le signataire confirme.",
   "Aprobar una firma nunca confirmada envía su correo de confirmación; cuenta en cuanto el firmante confirma.",
   "Одобрение неподтверждённой подписи отправляет письмо для подтверждения; она учитывается, когда подписант подтвердит её.",
   "قبول توقيع لم يُؤكَّد قط يرسل بريد تأكيده؛ ويُحتسب حين يؤكده الموقّع."],
 "Reject selected": ["Rejeter la sélection", "Rechazar las seleccionadas", "Отклонить выбранные", "رفض المحدد"],
 "One reason for all the selected signatures. Kept in each signature's history; not sent to the signer.": [
   "Un motif pour toutes les signatures sélectionnées. Conservé dans l’historique de chacune ; il n’est pas envoyé au signataire.",
   "Un motivo para todas las firmas seleccionadas. Se guarda en el historial de cada una; no se envía al firmante.",
   "Одна причина для всех выбранных подписей. Сохраняется в истории каждой подписи; подписанту не отправляется.",
   "سبب واحد لكل التوقيعات المحددة. يُحفظ في سجل كل توقيع؛ ولا يُرسل إلى الموقّع."],
 "Select the signatures to reject.": ["Sélectionnez les signatures à rejeter.", "Seleccione las firmas que desea rechazar.", "Выберите подписи, которые нужно отклонить.", "حدّد التوقيعات المراد رفضها."],
 "Reject at most 500 signatures at once.": ["Rejetez au plus 500 signatures à la fois.", "Rechace como máximo 500 firmas a la vez.", "Отклоняйте не более 500 подписей за раз.", "ارفض 500 توقيع على الأكثر في المرة الواحدة."],
 "Approved when confirmed: a coordinator had approved it": [
   "Approuvée à la confirmation : un coordinateur l’avait approuvée",
   "Aprobada al confirmarse: un coordinador ya la había aprobado",
   "Одобрено при подтверждении: координатор уже одобрил её",
   "قُبل عند التأكيد: كان أحد المنسقين قد قبله"],
 "Released from the network limit; confirmation e-mail sent": [
   "Libérée de la limite par réseau ; e-mail de confirmation envoyé",
   "Liberada del límite por red; correo de confirmación enviado",
   "Освобождено из-под ограничения сети; письмо для подтверждения отправлено",
   "أُفرج عنه من حد الشبكة؛ وأُرسل بريد التأكيد"],
 "Only a signature held over the network limit and never confirmed can be sent its confirmation e-mail.": [
   "Seule une signature retenue par la limite par réseau et jamais confirmée peut recevoir son e-mail de confirmation.",
   "Solo a una firma retenida por el límite por red y nunca confirmada se le puede enviar su correo de confirmación.",
   "Письмо для подтверждения можно отправить только по подписи, задержанной ограничением сети и ещё не подтверждённой.",
   "لا يُرسل بريد التأكيد إلا لتوقيع احتُجز بسبب حد الشبكة ولم يُؤكَّد قط."],
 "{0} signatures rejected.": {"en": {"one": "{0} signature rejected.", "other": "{0} signatures rejected."},
   "fr": {"one": "{0} signature rejetée.", "many": "{0} de signatures rejetées.", "other": "{0} signatures rejetées."},
   "es": {"one": "{0} firma rechazada.", "many": "{0} de firmas rechazadas.", "other": "{0} firmas rechazadas."},
   "ru": {"one": "Отклонена {0} подпись.", "few": "Отклонено {0} подписи.", "many": "Отклонено {0} подписей."},
   "ar": {"zero": "لم يُرفض أي توقيع.", "one": "رُفض توقيع واحد.", "two": "رُفض توقيعان.", "few": "رُفضت {0} توقيعات.", "many": "رُفض {0} توقيعًا.", "other": "رُفض {0} توقيع."}},
 "{0} signers were sent their confirmation e-mail; their signatures count once they confirm.": {
   "en": {"one": "{0} signer was sent their confirmation e-mail; the signature counts once they confirm.", "other": "{0} signers were sent their confirmation e-mail; their signatures count once they confirm."},
   "fr": {"one": "{0} signataire a reçu son e-mail de confirmation ; la signature compte dès qu’il confirme.", "many": "{0} de signataires ont reçu leur e-mail de confirmation ; leurs signatures comptent dès qu’ils confirment.", "other": "{0} signataires ont reçu leur e-mail de confirmation ; leurs signatures comptent dès qu’ils confirment."},
   "es": {"one": "Se envió el correo de confirmación a {0} firmante; la firma cuenta en cuanto confirme.", "many": "Se envió el correo de confirmación a {0} de firmantes; sus firmas cuentan en cuanto confirmen.", "other": "Se envió el correo de confirmación a {0} firmantes; sus firmas cuentan en cuanto confirmen."},
   "ru": {"one": "Письмо для подтверждения отправлено {0} подписанту; подпись учтётся после подтверждения.", "few": "Письмо для подтверждения отправлено {0} подписантам; подписи учтутся после подтверждения.", "many": "Письмо для подтверждения отправлено {0} подписантам; подписи учтутся после подтверждения."},
   "ar": {"zero": "لم يُرسل بريد تأكيد إلى أي موقّع.", "one": "أُرسل بريد التأكيد إلى موقّع واحد؛ ويُحتسب توقيعه حين يؤكده.", "two": "أُرسل بريد التأكيد إلى موقّعَين؛ ويُحتسب توقيعاهما حين يؤكدانهما.", "few": "أُرسل بريد التأكيد إلى {0} موقّعين؛ وتُحتسب توقيعاتهم حين يؤكدونها.", "many": "أُرسل بريد التأكيد إلى {0} موقّعًا؛ وتُحتسب توقيعاتهم حين يؤكدونها.", "other": "أُرسل بريد التأكيد إلى {0} موقّع؛ وتُحتسب توقيعاتهم حين يؤكدونها."}},
 # Close now, asked first
 "Close {0}?": ["Clore « {0} » ?", "¿Cerrar «{0}»?", "Закрыть «{0}»?", "إغلاق «{0}»؟"],
 "This letter is not open, so there is nothing to close.": [
   "Cette lettre n’est pas ouverte : il n’y a rien à clore.",
   "Esta carta no está abierta: no hay nada que cerrar.",
   "Это письмо не открыто: закрывать нечего.",
   "هذه الرسالة ليست مفتوحة، فلا شيء يُغلق."],
 "The letter stops taking signatures at once: the sign form and the API refuse new ones.": [
   "La lettre cesse aussitôt de recevoir des signatures : le formulaire et l’API refusent les nouvelles.",
   "La carta deja de recibir firmas de inmediato: el formulario y la API rechazan las nuevas.",
   "Письмо сразу перестаёт принимать подписи: форма и API отклоняют новые.",
   "تتوقف الرسالة فورًا عن قبول التوقيعات: يرفض النموذج وواجهة API التوقيعات الجديدة."],
 "The {0} signatures it has are kept.": {"en": {"one": "The {0} signature it has is kept.", "other": "The {0} signatures it has are kept."},
   "fr": {"one": "Sa {0} signature est conservée.", "many": "Ses {0} de signatures sont conservées.", "other": "Ses {0} signatures sont conservées."},
   "es": {"one": "Se conserva su {0} firma.", "many": "Se conservan sus {0} de firmas.", "other": "Se conservan sus {0} firmas."},
   "ru": {"one": "Собранная {0} подпись сохраняется.", "few": "Собранные {0} подписи сохраняются.", "many": "Собранные {0} подписей сохраняются."},
   "ar": {"zero": "لا توقيعات فيها بعد.", "one": "يُحتفظ بتوقيعها الوحيد.", "two": "يُحتفظ بتوقيعَيها.", "few": "يُحتفظ بتوقيعاتها الـ{0}.", "many": "يُحتفظ بتوقيعاتها الـ{0}.", "other": "يُحتفظ بتوقيعاتها الـ{0}."}},
 "The deadline ({0}) no longer applies.": ["L’échéance ({0}) ne s’applique plus.", "La fecha límite ({0}) deja de aplicarse.", "Срок ({0}) больше не действует.", "لم يعد الموعد النهائي ({0}) ساريًا."],
 "You can reopen it later for late signatures.": ["Vous pourrez la rouvrir plus tard pour des signatures tardives.", "Podrá reabrirla más tarde para firmas tardías.", "Позже его можно снова открыть для поздних подписей.", "يمكنك إعادة فتحها لاحقًا للتوقيعات المتأخرة."],
 # Erase, asked first
 "Erase the personal data of signature {0}?": ["Effacer les données personnelles de la signature {0} ?", "¿Borrar los datos personales de la firma {0}?", "Удалить персональные данные подписи {0}?", "حذف البيانات الشخصية للتوقيع {0}؟"],
 "This cannot be undone.": ["Cette action est irréversible.", "Esto no se puede deshacer.", "Это действие нельзя отменить.", "لا يمكن التراجع عن هذا."],
}
