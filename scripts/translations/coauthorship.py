"""Co-authorship as an invitation: naming an organisation, its coordinators accepting or declining.
English key -> [fr, es, ru, ar]."""
T = {
 "Co-authorships": ["Co-signatures d’auteur", "Coautorías", "Соавторство", "المشاركة في التأليف"],
 "Co-authorships of {0}": ["Lettres co-écrites par {0}", "Coautorías de {0}", "Соавторство: {0}", "المشاركة في التأليف: {0}"],
 "A letter that names your organisation as co-author shows it only after one of its coordinators accepts here.":
  ["Une lettre qui nomme votre organisation comme co-autrice ne l’affiche qu’après l’accord de l’un de ses coordinateurs, ici.",
   "Una carta que nombra a su organización como coautora solo la muestra después de que uno de sus coordinadores acepte aquí.",
   "Письмо, в котором ваша организация названа соавтором, показывает её только после того, как один из её координаторов примет приглашение здесь.",
   "لا تُظهر الرسالة التي تسمّي منظمتك مشاركةً في تأليفها اسمَها إلا بعد أن يقبل أحد منسّقيها هنا."],
 "Named on": ["Nommée le", "Nombrada el", "Названа", "تاريخ التسمية"],
 "Accept": ["Accepter", "Aceptar", "Принять", "قبول"],
 "Decline": ["Refuser", "Rechazar", "Отклонить", "رفض"],
 "Withdraw": ["Se retirer", "Retirarse", "Отозвать", "انسحاب"],
 "Invitations to co-author": ["Invitations à co-écrire", "Invitaciones a ser coautora", "Приглашения в соавторы", "دعوات المشاركة في التأليف"],
 "No invitations waiting.": ["Aucune invitation en attente.", "No hay invitaciones pendientes.", "Нет ожидающих приглашений.", "لا توجد دعوات بانتظار الرد."],
 "Letters your organisation co-authors": ["Lettres co-écrites par votre organisation", "Cartas de las que su organización es coautora", "Письма, соавтором которых является ваша организация", "رسائل تشارك منظمتك في تأليفها"],
 "Accepted: your organisation is now shown as a co-author of this letter.":
  ["Accepté : votre organisation apparaît désormais comme co-autrice de cette lettre.",
   "Aceptado: su organización aparece ahora como coautora de esta carta.",
   "Принято: ваша организация теперь указана соавтором этого письма.",
   "تم القبول: تظهر منظمتك الآن مشاركةً في تأليف هذه الرسالة."],
 "Your organisation is no longer named on this letter.":
  ["Votre organisation n’est plus nommée sur cette lettre.", "Su organización ya no figura en esta carta.",
   "Ваша организация больше не указана в этом письме.", "لم تعد منظمتك مذكورة في هذه الرسالة."],
 "There is no invitation to co-author this letter (it may have been withdrawn or declined).":
  ["Il n’y a pas d’invitation à co-écrire cette lettre (elle a peut-être été retirée ou refusée).",
   "No hay ninguna invitación a ser coautora de esta carta (puede que se haya retirado o rechazado).",
   "Приглашения стать соавтором этого письма нет (возможно, его отозвали или отклонили).",
   "لا توجد دعوة للمشاركة في تأليف هذه الرسالة (ربما سُحبت أو رُفضت)."],
 "This invitation was already accepted.":
  ["Cette invitation a déjà été acceptée.", "Esta invitación ya fue aceptada.", "Это приглашение уже принято.", "سبق قبول هذه الدعوة."],
 "{0} invites {1} to co-author a letter":
  ["{0} invite {1} à co-écrire une lettre", "{0} invita a {1} a ser coautora de una carta", "{0} приглашает {1} стать соавтором письма", "{0} تدعو {1} إلى المشاركة في تأليف رسالة"],
 "{0} names {1} as a co-author of the letter {2}.":
  ["{0} nomme {1} comme co-autrice de la lettre {2}.", "{0} nombra a {1} como coautora de la carta {2}.",
   "{0} указывает {1} соавтором письма {2}.", "تسمّي {0} منظمة {1} مشاركةً في تأليف الرسالة {2}."],
 "{0} is not shown as an author anywhere until one of its coordinators accepts. If you do not answer, nothing is published in its name.":
  ["{0} n’apparaît nulle part comme autrice tant que l’un de ses coordinateurs n’a pas accepté. Sans réponse de votre part, rien n’est publié en son nom.",
   "{0} no aparece como autora en ningún lugar hasta que uno de sus coordinadores acepte. Si no responde, no se publica nada en su nombre.",
   "{0} нигде не указывается автором, пока один из её координаторов не примет приглашение. Если вы не ответите, от её имени ничего не будет опубликовано.",
   "لا تظهر {0} مؤلفةً في أي مكان حتى يقبل أحد منسّقيها. إن لم تردّوا، فلن يُنشر شيء باسمها."],
 "Accept or decline (sign-in required)":
  ["Accepter ou refuser (connexion requise)", "Aceptar o rechazar (requiere iniciar sesión)", "Принять или отклонить (нужно войти)", "القبول أو الرفض (يتطلب تسجيل الدخول)"],
 "Naming one invites it: its coordinators are told, and it is shown as an author only once one of them accepts. Remove a name to withdraw the invitation.":
  ["Nommer une organisation l’invite : ses coordinateurs sont prévenus, et elle n’apparaît comme autrice qu’une fois que l’un d’eux a accepté. Retirez un nom pour retirer l’invitation.",
   "Nombrar una organización la invita: se avisa a sus coordinadores y solo aparece como autora cuando uno de ellos acepta. Quite un nombre para retirar la invitación.",
   "Указание организации — это приглашение: её координаторы получают уведомление, и она указывается автором только после того, как один из них его примет. Удалите название, чтобы отозвать приглашение.",
   "تسمية منظمة هي دعوة لها: يُبلَّغ منسّقوها، ولا تظهر مؤلفةً إلا بعد أن يقبل أحدهم. احذف الاسم لسحب الدعوة."],
 "Invited, not yet accepted (not shown publicly): {0}":
  ["Invitées, pas encore acceptées (non affichées publiquement) : {0}", "Invitadas, aún sin aceptar (no se muestran públicamente): {0}",
   "Приглашены, ещё не приняли (публично не показываются): {0}", "مدعوّة ولم تقبل بعد (لا تظهر للعموم): {0}"],
}
