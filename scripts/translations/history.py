"""A signature's history on its coordinator page: the notes the app writes into each entry (stored in
English, translated when shown) and who acted. English key -> [fr, es, ru, ar]."""
T = {
 "Signed; confirmation e-mail sent": ["Signée ; e-mail de confirmation envoyé", "Firmada; correo de confirmación enviado", "Подписано; письмо для подтверждения отправлено", "تم التوقيع؛ أُرسل بريد التأكيد"],
 "Confirmation e-mail sent again": ["E-mail de confirmation renvoyé", "Correo de confirmación reenviado", "Письмо для подтверждения отправлено повторно", "أُعيد إرسال بريد التأكيد"],
 "Confirmation e-mail sent again (the first was not sent)": ["E-mail de confirmation renvoyé (le premier n’était pas parti)", "Correo de confirmación reenviado (el primero no se envió)", "Письмо для подтверждения отправлено повторно (первое не было отправлено)", "أُعيد إرسال بريد التأكيد (لم يُرسل الأول)"],
 "Held for review: {0}": ["Mise en attente de vérification : {0}", "Retenida para revisión: {0}", "Отложено на проверку: {0}", "محتجز للمراجعة: {0}"],
 "Signed by a representative (account confirmed)": ["Signée par un représentant (compte confirmé)", "Firmada por un representante (cuenta confirmada)", "Подписано представителем (учётная запись подтверждена)", "وقّعها ممثل (الحساب مؤكد)"],
 "Entered from a paper or e-mailed signature": ["Saisie d’après une signature papier ou envoyée par e-mail", "Registrada a partir de una firma en papel o enviada por correo", "Внесено по подписи на бумаге или присланной по почте", "أُدخل من توقيع ورقي أو مرسل بالبريد الإلكتروني"],
 "Merged into signature {0} as a duplicate": ["Fusionnée avec la signature {0} comme doublon", "Fusionada con la firma {0} por duplicada", "Объединено с подписью {0} как дубликат", "دُمج في التوقيع {0} بوصفه مكررًا"],
 "Signature {0} merged into this one as a duplicate": ["La signature {0} a été fusionnée avec celle-ci comme doublon", "La firma {0} se fusionó con esta por duplicada", "Подпись {0} объединена с этой как дубликат", "دُمج التوقيع {0} في هذا التوقيع بوصفه مكررًا"],
 "Personal data erased on request; kept as an anonymous count (letter delivered)": ["Données personnelles effacées sur demande ; conservée comme décompte anonyme (lettre remise)", "Datos personales borrados a petición; se conserva como recuento anónimo (carta entregada)", "Персональные данные удалены по запросу; подпись учитывается анонимно (письмо вручено)", "حُذفت البيانات الشخصية بناءً على الطلب؛ ويُحتفظ به عددًا مجهول الهوية (سُلّمت الرسالة)"],
 "Personal data erased on request": ["Données personnelles effacées sur demande", "Datos personales borrados a petición", "Персональные данные удалены по запросу", "حُذفت البيانات الشخصية بناءً على الطلب"],
 "Personal data anonymised after the retention period": ["Données personnelles anonymisées après la durée de conservation", "Datos personales anonimizados tras el plazo de conservación", "Персональные данные обезличены по истечении срока хранения", "أُخفيت هوية البيانات الشخصية بعد انتهاء مدة الاحتفاظ"],
 "Never confirmed": ["Jamais confirmée", "Nunca confirmada", "Так и не подтверждена", "لم يُؤكَّد قط"],
 "Confirmation link expired": ["Lien de confirmation expiré", "Enlace de confirmación caducado", "Срок действия ссылки для подтверждения истёк", "انتهت صلاحية رابط التأكيد"],
 "Approved automatically": ["Approuvée automatiquement", "Aprobada automáticamente", "Одобрено автоматически", "اعتُمد تلقائيًا"],
 "Held for review (manual moderation)": ["Mise en attente de vérification (modération manuelle)", "Retenida para revisión (moderación manual)", "Отложено на проверку (ручная модерация)", "محتجز للمراجعة (إشراف يدوي)"],
 "the signer": ["le signataire", "la persona firmante", "подписант", "الموقّع"],
 "the system": ["le système", "el sistema", "система", "النظام"],
 "a coordinator": ["un coordinateur", "una persona coordinadora", "координатор", "منسّق"],
}
