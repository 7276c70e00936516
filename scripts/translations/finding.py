"""Finding letters (the public index and its search, listing) and what a signer sees right after signing (issue 17)."""
T = {
 # The public index of letters
 "Letters and petitions": ["Lettres et pétitions", "Cartas y peticiones", "Письма и петиции", "الرسائل والعرائض"],
 "Search letters": ["Rechercher des lettres", "Buscar cartas", "Поиск писем", "البحث في الرسائل"],
 "Show all letters": ["Afficher toutes les lettres", "Mostrar todas las cartas", "Показать все письма", "عرض كل الرسائل"],
 "No letters are open for signatures yet.": ["Aucune lettre n’est encore ouverte aux signatures.", "Todavía no hay cartas abiertas a firmas.", "Пока нет писем, открытых для подписей.", "لا توجد بعد رسائل مفتوحة للتوقيع."],
 "No letters match this search.": ["Aucune lettre ne correspond à cette recherche.", "Ninguna carta coincide con esta búsqueda.", "Ни одно письмо не соответствует этому поиску.", "لا توجد رسائل تطابق هذا البحث."],
 "{0} letters match": {
   "en": {"one": "{0} letter matches", "other": "{0} letters match"},
   "fr": {"one": "{0} lettre correspond", "many": "{0} de lettres correspondent", "other": "{0} lettres correspondent"},
   "es": {"one": "{0} carta coincide", "many": "{0} de cartas coinciden", "other": "{0} cartas coinciden"},
   "ru": {"one": "Найдено {0} письмо", "few": "Найдено {0} письма", "many": "Найдено {0} писем"},
   "ar": {"zero": "لا توجد رسائل مطابقة", "one": "رسالة واحدة مطابقة", "two": "رسالتان مطابقتان", "few": "{0} رسائل مطابقة", "many": "{0} رسالةً مطابقة", "other": "{0} رسالة مطابقة"},
 },
 # Listing, on the coordinators' manage page
 "Listing": ["Visibilité dans la liste", "Visibilidad en la lista", "Показ в списке", "الظهور في القائمة"],
 "List this letter on the home page and in the search": ["Afficher cette lettre sur la page d’accueil et dans la recherche", "Mostrar esta carta en la página de inicio y en la búsqueda", "Показывать это письмо на главной странице и в поиске", "إظهار هذه الرسالة في الصفحة الرئيسية وفي البحث"],
 "Unlisted, the letter is still public to anyone who has its link; it just does not appear among the letters on this site.": ["Non listée, la lettre reste publique pour quiconque a son lien ; elle n’apparaît simplement pas parmi les lettres de ce site.", "Sin listar, la carta sigue siendo pública para quien tenga su enlace; solo deja de aparecer entre las cartas de este sitio.", "Скрытое из списка письмо по-прежнему доступно всем, у кого есть ссылка; оно просто не появляется среди писем на этом сайте.", "الرسالة غير المدرجة تبقى علنية لكل من لديه رابطها؛ لكنها لا تظهر بين رسائل هذا الموقع."],
 "Save the listing": ["Enregistrer", "Guardar", "Сохранить", "حفظ"],
 "The letter is listed on the home page and in the search.": ["La lettre figure sur la page d’accueil et dans la recherche.", "La carta aparece en la página de inicio y en la búsqueda.", "Письмо показано на главной странице и в поиске.", "الرسالة مدرجة في الصفحة الرئيسية وفي البحث."],
 "The letter is unlisted: only people with its link find it.": ["La lettre n’est plus listée : seules les personnes qui ont son lien la trouvent.", "La carta ya no aparece en la lista: solo la encuentra quien tenga su enlace.", "Письмо скрыто из списка: его найдут только те, у кого есть ссылка.", "الرسالة غير مدرجة: لا يجدها إلا من لديه رابطها."],
 # The letter page
 "Sign this letter": ["Signer cette lettre", "Firmar esta carta", "Подписать это письмо", "وقّع هذه الرسالة"],
 # After signing
 "You signed “{0}”": ["Vous avez signé « {0} »", "Ha firmado «{0}»", "Вы подписали «{0}»", "وقّعتم «{0}»"],
 "Check your inbox": ["Consultez votre boîte de réception", "Revise su bandeja de entrada", "Проверьте почту", "تفقّد بريدك الوارد"],
 "Thank you for signing": ["Merci d’avoir signé", "Gracias por firmar", "Спасибо за подпись", "شكرًا على توقيعك"],
 "Open the e-mail we sent and follow its link to confirm. The link works for a few days.": ["Ouvrez l’e-mail que nous avons envoyé et suivez son lien pour confirmer. Le lien reste valable quelques jours.", "Abra el correo que le enviamos y siga su enlace para confirmar. El enlace funciona durante unos días.", "Откройте отправленное нами письмо и перейдите по ссылке, чтобы подтвердить подпись. Ссылка действует несколько дней.", "افتح البريد الذي أرسلناه واتبع رابطه للتأكيد. يعمل الرابط لبضعة أيام."],
 "No e-mail after a few minutes? Look in your spam folder.": ["Pas d’e-mail après quelques minutes ? Regardez dans vos indésirables.", "¿Ningún correo después de unos minutos? Mire en la carpeta de spam.", "Письма нет через несколько минут? Проверьте папку «Спам».", "لم يصلك بريد بعد بضع دقائق؟ تحقّق من مجلد الرسائل غير المرغوب فيها."],
 "Share the letter": ["Partager la lettre", "Compartir la carta", "Поделиться письмом", "شارك الرسالة"],
 "More signatures give the letter more weight. Send its address to colleagues and partners:": ["Plus de signatures donnent plus de poids à la lettre. Envoyez son adresse à vos collègues et partenaires :", "Más firmas dan más peso a la carta. Envíe su dirección a colegas y organizaciones aliadas:", "Чем больше подписей, тем весомее письмо. Отправьте его адрес коллегам и партнёрам:", "كلما زادت التوقيعات زاد وزن الرسالة. أرسل عنوانها إلى زملائك وشركائك:"],
 "The letter's address": ["L’adresse de la lettre", "La dirección de la carta", "Адрес письма", "عنوان الرسالة"],
 "Share by e-mail": ["Partager par e-mail", "Compartir por correo", "Отправить по электронной почте", "المشاركة بالبريد الإلكتروني"],
 "See who signed": ["Voir qui a signé", "Ver quién firmó", "Посмотреть, кто подписал", "اطّلع على الموقّعين"],
 "Thank you. Many signatures came from your network in the last few minutes (a shared office or conference network, for example), so yours is held for the letter's coordinators to review. No confirmation e-mail is sent for it now, and it is not counted until they have reviewed it.": [
   "Merci. Beaucoup de signatures sont venues de votre réseau ces dernières minutes (un réseau partagé de bureau ou de conférence, par exemple) : la vôtre est donc retenue pour être examinée par les coordinateurs de la lettre. Aucun e-mail de confirmation n’est envoyé pour elle maintenant, et elle n’est comptée qu’après leur examen.",
   "Gracias. En los últimos minutos llegaron muchas firmas desde su red (una red compartida de oficina o de un congreso, por ejemplo), así que la suya queda retenida para que la revisen los coordinadores de la carta. No se envía ahora ningún correo de confirmación para ella, y no se cuenta hasta que la hayan revisado.",
   "Спасибо. За последние минуты из вашей сети пришло много подписей (например, из общей сети офиса или конференции), поэтому ваша подпись задержана: её проверят координаторы письма. Письмо с подтверждением сейчас не отправляется, и подпись не учитывается, пока они её не проверят.",
   "شكرًا لك. وصلت توقيعات كثيرة من شبكتك في الدقائق الأخيرة (شبكة مكتب أو مؤتمر مشتركة مثلًا)، لذا احتُجز توقيعك ليراجعه منسّقو الرسالة. لا يُرسَل الآن بريد تأكيد له، ولا يُحتسب قبل أن يراجعوه."],
}
