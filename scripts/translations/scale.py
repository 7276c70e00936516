"""Texts of the signing-at-scale work (issue #6): English key -> [fr, es, ru, ar]."""
T = {
 "For your safety, please check the form and send it again.": [
   "Par sécurité, vérifiez le formulaire et envoyez-le à nouveau.",
   "Por su seguridad, revise el formulario y envíelo de nuevo.",
   "В целях безопасности проверьте форму и отправьте её ещё раз.",
   "حفاظًا على أمانك، يُرجى مراجعة النموذج وإرساله مرة أخرى."],
}
