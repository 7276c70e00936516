"""Letter backup (export from the Manage page) and the administrators' import page: English key -> [fr, es, ru, ar]."""
T = {
 "Import a letter": ["Importer une lettre", "Importar una carta", "Импорт письма", "استيراد رسالة"],
 "Restore a letter from a backup file exported on this or another SignOnLetters site: its versions, revisions, signatures and invitations. Everything in the file is checked first; nothing is stored unless all of it can be.": [
   "Restaurez une lettre à partir d'une sauvegarde exportée sur ce site SignOnLetters ou un autre : ses versions, révisions, signatures et invitations. Tout le fichier est d'abord vérifié ; rien n'est enregistré tant que tout ne peut pas l'être.",
   "Restaure una carta a partir de una copia de seguridad exportada en este u otro sitio SignOnLetters: sus versiones, revisiones, firmas e invitaciones. Primero se comprueba todo el archivo; no se guarda nada a menos que pueda guardarse todo.",
   "Восстановите письмо из резервной копии, выгруженной на этом или другом сайте SignOnLetters: его версии, редакции, подписи и приглашения. Сначала проверяется весь файл; ничего не сохраняется, если нельзя сохранить всё.",
   "استعد رسالة من ملف نسخة احتياطية صُدّر من هذا الموقع أو من موقع SignOnLetters آخر: نسخها ومراجعاتها وتوقيعاتها ودعواتها. يُفحص كل ما في الملف أولًا، ولا يُحفظ شيء ما لم يمكن حفظه كله."],
 "Accounts are matched by e-mail address and organisations by name. You become the coordinator of any organisation that has none of its coordinators here.": [
   "Les comptes sont retrouvés par adresse e-mail et les organisations par nom. Vous devenez coordinateur de toute organisation dont aucun coordinateur n'a de compte ici.",
   "Las cuentas se identifican por dirección de correo y las organizaciones por nombre. Usted pasa a coordinar cualquier organización que no tenga aquí a ninguno de sus coordinadores.",
   "Учётные записи сопоставляются по адресу эл. почты, организации — по названию. Вы становитесь координатором каждой организации, ни один координатор которой здесь не зарегистрирован.",
   "تُطابَق الحسابات بعنوان البريد الإلكتروني والمنظمات بالاسم. تصبح منسّقًا لأي منظمة ليس لأيٍّ من منسّقيها حساب هنا."],
 "Backup file (.json)": ["Fichier de sauvegarde (.json)", "Archivo de copia de seguridad (.json)", "Файл резервной копии (.json)", "ملف النسخة الاحتياطية (.json)"],
 "New web address (only if the letter's address is taken here)": [
   "Nouvelle adresse web (seulement si l'adresse de la lettre est déjà prise ici)",
   "Nueva dirección web (solo si la dirección de la carta ya está ocupada aquí)",
   "Новый веб-адрес (только если адрес письма здесь уже занят)",
   "عنوان ويب جديد (فقط إذا كان عنوان الرسالة مستخدمًا هنا)"],
 "Import": ["Importer", "Importar", "Импортировать", "استيراد"],
 "Download a backup (JSON)": ["Télécharger une sauvegarde (JSON)", "Descargar una copia de seguridad (JSON)", "Скачать резервную копию (JSON)", "تنزيل نسخة احتياطية (JSON)"],
 "The whole letter with every version and signature, e-mail addresses included: keep it as safe as the signers' data.": [
   "Toute la lettre avec chaque version et chaque signature, adresses e-mail comprises : conservez-la aussi prudemment que les données des signataires.",
   "Toda la carta con cada versión y firma, direcciones de correo incluidas: guárdela con el mismo cuidado que los datos de los firmantes.",
   "Всё письмо со всеми версиями и подписями, включая адреса эл. почты: храните его так же бережно, как данные подписавших.",
   "الرسالة كاملة بكل نسخها وتوقيعاتها، بما فيها عناوين البريد الإلكتروني: احفظها بعناية بيانات الموقّعين نفسها."],
 "File": ["Fichier", "Archivo", "Файл", "الملف"],
 "Choose a backup file (a .json file exported from a letter's page).": [
   "Choisissez un fichier de sauvegarde (un fichier .json exporté depuis la page d’une lettre).",
   "Elija un archivo de copia de seguridad (un archivo .json exportado desde la página de una carta).",
   "Выберите файл резервной копии (файл .json, выгруженный со страницы письма).",
   "اختر ملف نسخة احتياطية (ملف ‎.json‎ صُدِّر من صفحة رسالة)."],
 "Letter imported.": ["Lettre importée.", "Carta importada.", "Письмо импортировано.", "استُوردت الرسالة."],
 "The file is over {Size} MB; a backup may be at most {MaxSize} MB.": ["Le fichier dépasse {Size} Mo ; une sauvegarde peut peser au plus {MaxSize} Mo.", "El archivo supera {Size} MB; una copia de seguridad puede ocupar como máximo {MaxSize} MB.", "Файл больше {Size} МБ; резервная копия — не более {MaxSize} МБ.", "يتجاوز الملف {Size} م.ب؛ ويمكن أن تبلغ النسخة الاحتياطية {MaxSize} م.ب على الأكثر."],
}
