#!/usr/bin/env python3
"""Writes Resources/SharedResource.<lang>.resx from a table of English keys and translations.

Kept as a one-off authoring aid; the .resx files are the source of truth the app reads, and a
test checks every language has every English key. Usage: scripts/resx.py (rewrites the files).
"""
import html, os, sys

LANGS = ["fr", "es", "ru", "ar"]
T = {
 "Skip to content": ["Aller au contenu", "Ir al contenido", "Перейти к содержанию", "انتقل إلى المحتوى"],
 "Main": ["Principal", "Principal", "Основное", "الرئيسية"],
 "Organisations": ["Organisations", "Organizaciones", "Организации", "المنظمات"],
 "Your account": ["Votre compte", "Su cuenta", "Ваша учётная запись", "حسابك"],
 "Sign out": ["Se déconnecter", "Cerrar sesión", "Выйти", "تسجيل الخروج"],
 "Create account": ["Créer un compte", "Crear una cuenta", "Создать учётную запись", "إنشاء حساب"],
 "Sign in": ["Se connecter", "Iniciar sesión", "Войти", "تسجيل الدخول"],
 "SignOnLetters: joint letters and petitions for civil society.": [
   "SignOnLetters : lettres communes et pétitions pour la société civile.",
   "SignOnLetters: cartas conjuntas y peticiones para la sociedad civil.",
   "SignOnLetters: совместные письма и петиции для гражданского общества.",
   "SignOnLetters: رسائل مشتركة وعرائض للمجتمع المدني."],
 "Privacy": ["Confidentialité", "Privacidad", "Конфиденциальность", "الخصوصية"],
 "Language": ["Langue", "Idioma", "Язык", "اللغة"],
 "Change": ["Changer", "Cambiar", "Изменить", "تغيير"],
 "Joint letters and petitions": ["Lettres communes et pétitions", "Cartas conjuntas y peticiones", "Совместные письма и петиции", "رسائل مشتركة وعرائض"],
 "Joint letters, signed together": ["Des lettres communes, signées ensemble", "Cartas conjuntas, firmadas juntos", "Совместные письма, подписанные вместе", "رسائل مشتركة نوقّعها معًا"],
 "Draft a sign-on letter with partner networks, gather co-signatures from organisations and people around the world, and deliver the final signed letter as a PDF. Signers choose how they appear; their e-mail addresses are never shown.": [
   "Rédigez une lettre commune avec vos réseaux partenaires, recueillez les signatures d’organisations et de personnes du monde entier, et remettez la lettre signée finale en PDF. Les signataires choisissent comment ils apparaissent ; leurs adresses e-mail ne sont jamais affichées.",
   "Redacte una carta conjunta con redes aliadas, reúna firmas de organizaciones y personas de todo el mundo y entregue la carta firmada final en PDF. Quienes firman eligen cómo aparecen; sus direcciones de correo nunca se muestran.",
   "Составьте совместное письмо с партнёрскими сетями, соберите подписи организаций и людей со всего мира и отправьте итоговое подписанное письмо в формате PDF. Подписавшие сами выбирают, как они будут указаны; их адреса электронной почты никогда не показываются.",
   "صِغ رسالة مشتركة مع الشبكات الشريكة، واجمع توقيعات المنظمات والأفراد من حول العالم، وسلّم الرسالة الموقّعة النهائية بصيغة PDF. يختار الموقّعون طريقة ظهورهم، ولا تُعرض عناوين بريدهم الإلكتروني أبدًا."],
 "Letters": ["Lettres", "Cartas", "Письма", "الرسائل"],
 "Your letters": ["Vos lettres", "Sus cartas", "Ваши письма", "رسائلك"],
 "Your organisations": ["Vos organisations", "Sus organizaciones", "Ваши организации", "منظماتك"],
 "Create a coordinator account": ["Créer un compte de coordination", "Crear una cuenta de coordinación", "Создать учётную запись координатора", "إنشاء حساب منسّق"],
 "Draft together": ["Rédiger ensemble", "Redactar juntos", "Писать вместе", "الصياغة معًا"],
 "Co-authoring organisations edit one text; every revision is kept.": [
   "Les organisations co-autrices modifient un même texte ; chaque révision est conservée.",
   "Las organizaciones coautoras editan un mismo texto; se guarda cada revisión.",
   "Организации-соавторы редактируют один текст; каждая редакция сохраняется.",
   "تحرّر المنظمات المشاركة في التأليف نصًا واحدًا، وتُحفظ كل مراجعة."],
 "Collect": ["Recueillir", "Reunir", "Собирать", "الجمع"],
 "Partners sign for their organisation in one step; individuals confirm by e-mail.": [
   "Les partenaires signent pour leur organisation en une étape ; les particuliers confirment par e-mail.",
   "Las organizaciones aliadas firman en un solo paso; las personas confirman por correo.",
   "Партнёры подписывают от имени организации в один шаг; частные лица подтверждают по электронной почте.",
   "يوقّع الشركاء باسم منظماتهم بخطوة واحدة، ويؤكد الأفراد عبر البريد الإلكتروني."],
 "Deliver": ["Remettre", "Entregar", "Вручить", "التسليم"],
 "A typeset PDF with every signatory, in every script, grouped and sorted properly.": [
   "Un PDF mis en page avec chaque signataire, dans toutes les écritures, regroupés et triés correctement.",
   "Un PDF maquetado con cada firmante, en todas las escrituras, agrupado y ordenado correctamente.",
   "Свёрстанный PDF со всеми подписавшими, на любых письменностях, правильно сгруппированными и упорядоченными.",
   "ملف PDF منسّق يضم كل الموقّعين، بكل أنظمة الكتابة، مجمّعين ومرتّبين كما ينبغي."],
 "Please check the form.": ["Veuillez vérifier le formulaire.", "Revise el formulario.", "Проверьте форму.", "يُرجى مراجعة النموذج."],
 "Many people who sign letters here belong to communities that are criminalised. We collect as little as we can and show less.": [
   "Beaucoup de personnes qui signent ici appartiennent à des communautés criminalisées. Nous recueillons le moins possible et en montrons encore moins.",
   "Muchas personas que firman aquí pertenecen a comunidades criminalizadas. Recogemos lo mínimo posible y mostramos aún menos.",
   "Многие подписывающие здесь люди принадлежат к криминализированным сообществам. Мы собираем как можно меньше данных и показываем ещё меньше.",
   "ينتمي كثير ممن يوقّعون هنا إلى مجتمعات مُجرَّمة. نجمع أقل قدر ممكن من البيانات ونعرض أقل منه."],
 "E-mail addresses and IP addresses are never shown publicly, in letters, PDFs or exports to anyone but the coordinators of the letter you signed.": [
   "Les adresses e-mail et IP ne sont jamais affichées publiquement, ni dans les lettres, les PDF ou les exports, sauf aux coordinateurs de la lettre que vous avez signée.",
   "Las direcciones de correo e IP nunca se muestran públicamente, ni en cartas, PDF o exportaciones, salvo a la coordinación de la carta que firmó.",
   "Адреса электронной почты и IP-адреса никогда не показываются публично — ни в письмах, ни в PDF, ни в выгрузках, кроме как координаторам подписанного вами письма.",
   "لا تُعرض عناوين البريد الإلكتروني وعناوين IP علنًا أبدًا، لا في الرسائل ولا في ملفات PDF ولا في التصديرات، إلا لمنسّقي الرسالة التي وقّعتها."],
 "You choose how you appear on a letter: with your name and organisation, with your organisation only, or counted but not named.": [
   "Vous choisissez comment vous apparaissez : avec votre nom et votre organisation, avec votre organisation seulement, ou compté sans être nommé.",
   "Usted elige cómo aparece: con su nombre y organización, solo con su organización, o contado sin ser nombrado.",
   "Вы выбираете, как будете указаны: с именем и организацией, только с организацией или учтены без имени.",
   "تختار طريقة ظهورك: باسمك ومنظمتك، أو بمنظمتك فقط، أو تُحتسب دون ذكر اسمك."],
 "You can withdraw your signature at any time with the link in your confirmation e-mail, and ask the coordinators to erase your personal data.": [
   "Vous pouvez retirer votre signature à tout moment grâce au lien de votre e-mail de confirmation, et demander aux coordinateurs d’effacer vos données personnelles.",
   "Puede retirar su firma en cualquier momento con el enlace de su correo de confirmación y pedir a la coordinación que borre sus datos personales.",
   "Вы можете в любой момент отозвать подпись по ссылке из письма с подтверждением и попросить координаторов удалить ваши персональные данные.",
   "يمكنك سحب توقيعك في أي وقت عبر الرابط في رسالة التأكيد، وطلب محو بياناتك الشخصية من المنسّقين."],
 "Pages load nothing from other websites: no analytics, fonts or scripts from third parties.": [
   "Les pages ne chargent rien depuis d’autres sites : ni statistiques, ni polices, ni scripts tiers.",
   "Las páginas no cargan nada de otros sitios: ni analítica, ni fuentes, ni scripts de terceros.",
   "Страницы ничего не загружают с других сайтов: ни аналитики, ни шрифтов, ни сторонних скриптов.",
   "لا تحمّل الصفحات أي شيء من مواقع أخرى: لا تحليلات ولا خطوط ولا نصوص برمجية من أطراف ثالثة."],
 "Something went wrong": ["Une erreur s’est produite", "Algo salió mal", "Что-то пошло не так", "حدث خطأ ما"],
 "The error has been logged. Please try again in a moment.": [
   "L’erreur a été enregistrée. Veuillez réessayer dans un instant.",
   "El error quedó registrado. Vuelva a intentarlo en un momento.",
   "Ошибка записана. Попробуйте ещё раз через минуту.",
   "سُجّل الخطأ. يُرجى المحاولة مرة أخرى بعد قليل."],
 "Page not found": ["Page introuvable", "Página no encontrada", "Страница не найдена", "الصفحة غير موجودة"],
 "There is nothing at this address. The link may be mistyped, or what it pointed to was removed.": [
   "Il n’y a rien à cette adresse. Le lien est peut-être mal saisi, ou ce qu’il désignait a été supprimé.",
   "No hay nada en esta dirección. Puede que el enlace esté mal escrito o que lo que señalaba se haya eliminado.",
   "По этому адресу ничего нет. Возможно, ссылка набрана с ошибкой или то, на что она указывала, удалено.",
   "لا يوجد شيء على هذا العنوان. ربما كُتب الرابط خطأً أو أُزيل ما كان يشير إليه."],
 "Not allowed": ["Non autorisé", "No permitido", "Нет доступа", "غير مسموح"],
 "Your account may not do this. If you think it should, ask a coordinator of the organisation.": [
   "Votre compte ne peut pas faire cela. Si vous pensez qu’il le devrait, demandez à un coordinateur de l’organisation.",
   "Su cuenta no puede hacer esto. Si cree que debería, pídalo a la coordinación de la organización.",
   "Вашей учётной записи это недоступно. Если вы считаете, что должно быть доступно, обратитесь к координатору организации.",
   "لا يحق لحسابك القيام بهذا. إن رأيت أنه ينبغي ذلك، فاطلب من أحد منسّقي المنظمة."],
 "Request not understood": ["Requête non comprise", "Solicitud no comprendida", "Запрос не понят", "تعذّر فهم الطلب"],
 "The form may have expired. Go back, reload the page and try again.": [
   "Le formulaire a peut-être expiré. Revenez en arrière, rechargez la page et réessayez.",
   "Puede que el formulario haya caducado. Vuelva atrás, recargue la página e inténtelo de nuevo.",
   "Возможно, форма устарела. Вернитесь назад, обновите страницу и попробуйте снова.",
   "ربما انتهت صلاحية النموذج. ارجع وأعد تحميل الصفحة وحاول مجددًا."],
 "Too large": ["Trop volumineux", "Demasiado grande", "Слишком большой объём", "كبير جدًا"],
 "What you sent is larger than we accept. Please send a smaller file.": [
   "Ce que vous avez envoyé dépasse la taille acceptée. Veuillez envoyer un fichier plus petit.",
   "Lo que envió supera el tamaño aceptado. Envíe un archivo más pequeño.",
   "Отправленное превышает допустимый размер. Отправьте файл поменьше.",
   "ما أرسلته أكبر مما نقبل. يُرجى إرسال ملف أصغر."],
 "Too many requests": ["Trop de requêtes", "Demasiadas solicitudes", "Слишком много запросов", "طلبات كثيرة جدًا"],
 "Temporarily unavailable": ["Temporairement indisponible", "No disponible temporalmente", "Временно недоступно", "غير متاح مؤقتًا"],
 "Our database is not answering. Nothing you sent was half-saved: please try again in a minute.": [
   "Notre base de données ne répond pas. Rien de ce que vous avez envoyé n’a été enregistré à moitié : réessayez dans une minute.",
   "Nuestra base de datos no responde. Nada de lo que envió quedó guardado a medias: inténtelo de nuevo en un minuto.",
   "Наша база данных не отвечает. Ничего из отправленного не сохранилось частично: попробуйте снова через минуту.",
   "قاعدة بياناتنا لا تستجيب. لم يُحفظ شيء مما أرسلته بشكل جزئي: يُرجى المحاولة مجددًا بعد دقيقة."],
 "Please wait a minute and try again.": ["Veuillez patienter une minute et réessayer.", "Espere un minuto e inténtelo de nuevo.", "Подождите минуту и попробуйте снова.", "يُرجى الانتظار دقيقة ثم المحاولة مجددًا."],
 "Back to the start page": ["Retour à l’accueil", "Volver a la página de inicio", "На главную страницу", "العودة إلى الصفحة الرئيسية"],
 "Create an organisation": ["Créer une organisation", "Crear una organización", "Создать организацию", "إنشاء منظمة"],
 "You will be its first coordinator, and can invite colleagues afterwards.": ["Vous en serez le premier coordinateur et pourrez ensuite inviter vos collègues.", "Usted será su primera persona coordinadora y luego podrá invitar a colegas.", "Вы станете её первым координатором и сможете затем пригласить коллег.", "ستكون أول منسّق لها، ويمكنك دعوة زملائك بعد ذلك."],
 "Create organisation": ["Créer l’organisation", "Crear la organización", "Создать организацию", "إنشاء المنظمة"],
 "Cancel": ["Annuler", "Cancelar", "Отмена", "إلغاء"],
 "Back to the organisation": ["Retour à l’organisation", "Volver a la organización", "Назад к организации", "العودة إلى المنظمة"],
 "Edit details": ["Modifier les informations", "Editar los datos", "Изменить сведения", "تعديل البيانات"],
 "Remove the current logo": ["Supprimer le logo actuel", "Quitar el logotipo actual", "Удалить текущий логотип", "إزالة الشعار الحالي"],
 "Save": ["Enregistrer", "Guardar", "Сохранить", "حفظ"],
 "You are not a member of any organisation yet. Create one, or ask a coordinator of yours to invite you by e-mail.": ["Vous n’êtes membre d’aucune organisation pour l’instant. Créez-en une, ou demandez à un coordinateur de vous inviter par e-mail.", "Todavía no es miembro de ninguna organización. Cree una o pida a su coordinación que le invite por correo.", "Вы пока не состоите ни в одной организации. Создайте её или попросите координатора пригласить вас по электронной почте.", "لست عضوًا في أي منظمة بعد. أنشئ منظمة، أو اطلب من أحد منسّقيك دعوتك عبر البريد الإلكتروني."],
 "Organisation": ["Organisation", "Organización", "Организация", "المنظمة"],
 "Country": ["Pays", "País", "Страна", "البلد"],
 "Your role": ["Votre rôle", "Su función", "Ваша роль", "دورك"],
 "Members": ["Membres", "Miembros", "Участники", "الأعضاء"],
 "Coordinator": ["Coordinateur", "Coordinación", "Координатор", "منسّق"],
 "Representative": ["Représentant", "Representante", "Представитель", "ممثّل"],
 "Create another organisation": ["Créer une autre organisation", "Crear otra organización", "Создать ещё одну организацию", "إنشاء منظمة أخرى"],
 "Logo of {0}": ["Logo de {0}", "Logotipo de {0}", "Логотип: {0}", "شعار {0}"],
 "Website": ["Site web", "Sitio web", "Веб-сайт", "الموقع الإلكتروني"],
 "Since": ["Depuis", "Desde", "С", "منذ"],
 "Invite members": ["Inviter des membres", "Invitar a miembros", "Пригласить участников", "دعوة أعضاء"],
 "Member": ["Membre", "Miembro", "Участник", "العضو"],
 "Role": ["Rôle", "Función", "Роль", "الدور"],
 "Joined": ["Arrivée", "Desde", "Присоединился", "تاريخ الانضمام"],
 "Actions": ["Actions", "Acciones", "Действия", "الإجراءات"],
 "Role of {0}": ["Rôle de {0}", "Función de {0}", "Роль: {0}", "دور {0}"],
 "Remove": ["Retirer", "Quitar", "Удалить", "إزالة"],
 "Invitations waiting for an answer": ["Invitations en attente de réponse", "Invitaciones pendientes de respuesta", "Приглашения, ожидающие ответа", "دعوات بانتظار الرد"],
 "{0} as coordinator, until {1}": ["{0} comme coordinateur, jusqu’au {1}", "{0} como coordinación, hasta el {1}", "{0} — координатор, до {1}", "{0} منسّقًا، حتى {1}"],
 "{0} as representative, until {1}": ["{0} comme représentant, jusqu’au {1}", "{0} como representante, hasta el {1}", "{0} — представитель, до {1}", "{0} ممثّلًا، حتى {1}"],
 "Leave": ["Quitter", "Salir", "Выйти из организации", "المغادرة"],
 "You will no longer be able to sign or coordinate for this organisation.": ["Vous ne pourrez plus signer ni coordonner pour cette organisation.", "Ya no podrá firmar ni coordinar en nombre de esta organización.", "Вы больше не сможете подписывать и координировать от имени этой организации.", "لن تتمكن بعد الآن من التوقيع أو التنسيق باسم هذه المنظمة."],
 "Leave {0}": ["Quitter {0}", "Salir de {0}", "Выйти из «{0}»", "مغادرة {0}"],
 "Invite a member": ["Inviter un membre", "Invitar a un miembro", "Пригласить участника", "دعوة عضو"],
 "Back to {0}": ["Retour à {0}", "Volver a {0}", "Назад: {0}", "العودة إلى {0}"],
 "Invite a member of {0}": ["Inviter un membre de {0}", "Invitar a un miembro de {0}", "Пригласить участника в «{0}»", "دعوة عضو إلى {0}"],
 "E-mail address": ["Adresse e-mail", "Correo electrónico", "Адрес электронной почты", "عنوان البريد الإلكتروني"],
 "Representative: signs letters for the organisation": ["Représentant : signe les lettres pour l’organisation", "Representante: firma cartas en nombre de la organización", "Представитель: подписывает письма от имени организации", "ممثّل: يوقّع الرسائل باسم المنظمة"],
 "Coordinator: also drafts letters and manages members": ["Coordinateur : rédige aussi les lettres et gère les membres", "Coordinación: también redacta cartas y gestiona miembros", "Координатор: также составляет письма и управляет участниками", "منسّق: يصوغ الرسائل أيضًا ويدير الأعضاء"],
 "Personal message": ["Message personnel", "Mensaje personal", "Личное сообщение", "رسالة شخصية"],
 "(optional)": ["(facultatif)", "(opcional)", "(необязательно)", "(اختياري)"],
 "Send invitation": ["Envoyer l’invitation", "Enviar la invitación", "Отправить приглашение", "إرسال الدعوة"],
 "Name": ["Nom", "Nombre", "Название", "الاسم"],
 "As it should appear on letters, in its own script.": ["Tel qu’il doit figurer sur les lettres, dans sa propre écriture.", "Tal como debe figurar en las cartas, en su propia escritura.", "Как оно должно выглядеть в письмах, в собственной письменности.", "كما ينبغي أن يظهر في الرسائل، بأبجديته الأصلية."],
 "Choose a country": ["Choisissez un pays", "Elija un país", "Выберите страну", "اختر بلدًا"],
 "Logo": ["Logo", "Logotipo", "Логотип", "الشعار"],
 "PNG or JPEG, at most 2 MB. We keep a resized copy.": ["PNG ou JPEG, 2 Mo au plus. Nous conservons une copie redimensionnée.", "PNG o JPEG, 2 MB como máximo. Guardamos una copia redimensionada.", "PNG или JPEG, не более 2 МБ. Мы храним уменьшенную копию.", "PNG أو JPEG، بحد أقصى 2 ميغابايت. نحتفظ بنسخة معدّلة الحجم."],

}

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key, value in pairs:
            f.write(f'  <data name="{html.escape(key, quote=True)}" xml:space="preserve"><value>{html.escape(value, quote=False)}</value></data>\n')
        f.write("</root>\n")

root = os.path.join(os.path.dirname(__file__), "..", "src", "SignOnLetters.Web", "Resources")
os.makedirs(root, exist_ok=True)
write(os.path.join(root, "SharedResource.en.resx"), [(k, k) for k in T])
for i, lang in enumerate(LANGS):
    write(os.path.join(root, f"SharedResource.{lang}.resx"), [(k, v[i]) for k, v in T.items()])
print(f"{len(T)} keys, {len(LANGS) + 1} languages")
