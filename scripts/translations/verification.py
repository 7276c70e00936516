"""Verified organisation signatures (issue 18, row 3): the "unverified" note on the list and in the PDF,
the review actions for the letter's and the organisation's coordinators, their e-mail, and the domain's messages.
English key -> [fr, es, ru, ar]."""
T = {
 "(unverified)": ["(non vérifiée)", "(no verificada)", "(не подтверждена)", "(غير موثَّق)"],
 "\"Unverified\": nobody has yet confirmed that the organisation itself signed.":
  ["« Non vérifiée » : personne n’a encore confirmé que l’organisation elle-même a signé.",
   "«No verificada»: nadie ha confirmado todavía que la propia organización haya firmado.",
   "«Не подтверждена»: никто ещё не подтвердил, что подписала сама организация.",
   "«غير موثَّق»: لم يؤكّد أحد بعدُ أن المنظمة نفسها هي التي وقّعت."],
 "organisation signature not verified with the organisation":
  ["signature non vérifiée auprès de l’organisation", "firma no verificada con la organización",
   "подпись не подтверждена самой организацией", "توقيع لم يُتحقَّق منه لدى المنظمة"],
 "Names a registered organisation, but is not verified: waits for its coordinators or yours":
  ["Nomme une organisation inscrite, sans être vérifiée : attend ses coordinateurs ou les vôtres",
   "Nombra una organización registrada, pero no está verificada: espera a sus coordinadores o a los suyos",
   "Называет зарегистрированную организацию, но не подтверждена: ждёт её координаторов или ваших",
   "تسمّي منظمة مسجّلة لكنها غير موثَّقة: تنتظر منسّقي تلك المنظمة أو منسّقيكم"],
 "Signature marked as verified.": ["Signature marquée comme vérifiée.", "Firma marcada como verificada.", "Подпись отмечена как подтверждённая.", "وُسم التوقيع بأنه موثَّق."],
 "Organisation signatures not verified": ["Signatures d’organisations non vérifiées", "Firmas de organizaciones no verificadas", "Неподтверждённые подписи организаций", "توقيعات منظمات غير موثَّقة"],
 "These are counted and listed with an \"unverified\" note: nobody has confirmed that the organisation itself signed. Mark one as verified once you have checked it with the organisation.":
  ["Elles sont comptées et affichées avec la mention « non vérifiée » : personne n’a confirmé que l’organisation elle-même a signé. Marquez-en une comme vérifiée après l’avoir confirmée avec l’organisation.",
   "Se cuentan y aparecen con la nota «no verificada»: nadie ha confirmado que la propia organización haya firmado. Marque una como verificada después de comprobarlo con la organización.",
   "Они учтены и показаны с пометкой «не подтверждена»: никто не подтвердил, что подписала сама организация. Отметьте подпись как подтверждённую, когда проверите это у организации.",
   "هذه التوقيعات محسوبة ومعروضة مع ملاحظة «غير موثَّق»: لم يؤكّد أحد أن المنظمة نفسها وقّعت. ضع علامة التوثيق على أيٍّ منها بعد أن تتحقق من ذلك لدى المنظمة."],
 "Mark as verified: {0}": ["Marquer comme vérifiée : {0}", "Marcar como verificada: {0}", "Отметить как подтверждённую: {0}", "وسم بأنه موثَّق: {0}"],
 "Mark as verified": ["Marquer comme vérifiée", "Marcar como verificada", "Отметить как подтверждённую", "وسم بأنه موثَّق"],
 "A signature in the name of {0} waits for you": ["Une signature au nom de {0} vous attend", "Una firma en nombre de {0} le espera", "Подпись от имени {0} ждёт вашего решения", "توقيع باسم {0} بانتظاركم"],
 "Someone signed the letter {0} in the name of {1}, from an address that is not on its web domain.":
  ["Quelqu’un a signé la lettre {0} au nom de {1}, depuis une adresse qui n’est pas sur son domaine web.",
   "Alguien firmó la carta {0} en nombre de {1}, desde una dirección que no está en su dominio web.",
   "Кто-то подписал письмо {0} от имени {1} с адреса не на её веб-домене.",
   "وقّع شخص ما على الرسالة {0} باسم {1} من عنوان لا يقع على نطاقها على الويب."],
 "The signature is not shown until a coordinator of {0} or of the letter approves it. If it is not your organisation's, reject it.":
  ["La signature n’est affichée qu’une fois approuvée par un coordinateur de {0} ou de la lettre. Si elle n’est pas celle de votre organisation, rejetez-la.",
   "La firma no se muestra hasta que la apruebe un coordinador de {0} o de la carta. Si no es de su organización, recházela.",
   "Подпись не показывается, пока её не одобрит координатор {0} или письма. Если она не от вашей организации, отклоните её.",
   "لا يظهر التوقيع حتى يوافق عليه أحد منسّقي {0} أو الرسالة. إن لم يكن من منظمتك فارفضه."],
 "Approve or reject (sign-in required)": ["Approuver ou rejeter (connexion requise)", "Aprobar o rechazar (requiere iniciar sesión)", "Одобрить или отклонить (нужен вход)", "الموافقة أو الرفض (يلزم تسجيل الدخول)"],
 "Signatures in the name of {0}": ["Signatures au nom de {0}", "Firmas en nombre de {0}", "Подписи от имени {0}", "التوقيعات باسم {0}"],
 "Someone signed these letters in your organisation's name without signing in as one of its members or confirming from an address on its web domain. Approve a signature that is yours; reject one that is not.":
  ["Quelqu’un a signé ces lettres au nom de votre organisation sans se connecter comme l’un de ses membres ni confirmer depuis une adresse de son domaine web. Approuvez une signature qui est la vôtre ; rejetez celle qui ne l’est pas.",
   "Alguien firmó estas cartas en nombre de su organización sin iniciar sesión como uno de sus miembros ni confirmar desde una dirección de su dominio web. Apruebe la firma que sea suya; rechace la que no lo sea.",
   "Кто-то подписал эти письма от имени вашей организации, не войдя как её участник и не подтвердив подпись с адреса на её веб-домене. Одобрите подпись, если она ваша; отклоните, если нет.",
   "وقّع شخص ما على هذه الرسائل باسم منظمتك دون تسجيل الدخول بصفته أحد أعضائها أو التأكيد من عنوان على نطاقها على الويب. وافق على التوقيع الذي يخصّكم وارفض ما لا يخصّكم."],
 "Approve the signature of {0}": ["Approuver la signature de {0}", "Aprobar la firma de {0}", "Одобрить подпись: {0}", "الموافقة على توقيع {0}"],
 "Approve": ["Approuver", "Aprobar", "Одобрить", "موافقة"],
 "Waiting for your organisation": ["En attente de votre organisation", "Esperando a su organización", "Ждут решения вашей организации", "بانتظار منظمتك"],
 "Counted, marked unverified": ["Comptées, marquées non vérifiées", "Contadas, marcadas como no verificadas", "Учтены с пометкой «не подтверждена»", "محسوبة وموسومة بأنها غير موثَّقة"],
 "Signatures in its name": ["Signatures en son nom", "Firmas en su nombre", "Подписи от её имени", "التوقيعات باسمها"],
 "Only organisation signatures are verified.": ["Seules les signatures d’organisations sont vérifiées.", "Solo se verifican las firmas de organizaciones.", "Подтверждаются только подписи организаций.", "لا تُوثَّق إلا توقيعات المنظمات."],
 "This signature is already verified.": ["Cette signature est déjà vérifiée.", "Esta firma ya está verificada.", "Эта подпись уже подтверждена.", "هذا التوقيع موثَّق بالفعل."],
 "Only signatures that are counted or wait for the organisation can be verified.":
  ["Seules les signatures comptées ou en attente de l’organisation peuvent être vérifiées.", "Solo se pueden verificar las firmas contadas o que esperan a la organización.",
   "Подтвердить можно только учтённые подписи или ждущие решения организации.", "لا يمكن توثيق إلا التوقيعات المحسوبة أو التي تنتظر المنظمة."],
 "Only an unverified organisation signature that holds the organisation's claim gives way.":
  ["Seule une signature d’organisation non vérifiée qui tient la place de l’organisation peut céder la place.", "Solo cede su lugar una firma de organización no verificada que ocupa el lugar de la organización.",
   "Уступить может только неподтверждённая подпись организации, занимающая её место.", "لا يتنازل عن مكانه إلا توقيع منظمة غير موثَّق يشغل مكان المنظمة."],
 "Only a signature that gave way to a verified one points at it.":
  ["Seule une signature qui a cédé la place à une signature vérifiée renvoie vers elle.", "Solo una firma que cedió su lugar a una verificada remite a ella.",
   "Ссылаться на подтверждённую подпись может только уступившая ей подпись.", "لا يشير إلى التوقيع الموثَّق إلا التوقيع الذي تنازل له عن مكانه."],
 "Choose a signature.": ["Choisissez une signature.", "Elija una firma.", "Выберите подпись.", "اختر توقيعًا."],
 "Signatures in your organisation's name confirmed from an address on this website's domain are marked verified. A page on a shared platform (Facebook, WordPress.com…) does not count.":
  ["Les signatures au nom de votre organisation confirmées depuis une adresse du domaine de ce site sont marquées vérifiées. Une page sur une plateforme partagée (Facebook, WordPress.com…) ne compte pas.",
   "Las firmas en nombre de su organización confirmadas desde una dirección del dominio de este sitio se marcan como verificadas. Una página en una plataforma compartida (Facebook, WordPress.com…) no cuenta.",
   "Подписи от имени вашей организации, подтверждённые с адреса на домене этого сайта, отмечаются как подтверждённые. Страница на общей платформе (Facebook, WordPress.com…) не считается.",
   "تُوسم بأنها موثَّقة التوقيعاتُ باسم منظمتك المؤكَّدة من عنوان على نطاق هذا الموقع. ولا تُحتسب صفحة على منصة مشتركة (فيسبوك، WordPress.com…)."],
}
