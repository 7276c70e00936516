"""The public signatory list (/letters/{slug}/signatories): its search, filter and end line. English key -> [fr, es, ru, ar]."""
T = {
 "Search the signatories": ["Rechercher parmi les signataires", "Buscar entre los firmantes", "Поиск среди подписавших", "البحث في الموقّعين"],
 "Name or organisation": ["Nom ou organisation", "Nombre u organización", "Имя или организация", "الاسم أو المنظمة"],
 "All countries": ["Tous les pays", "Todos los países", "Все страны", "كل البلدان"],
 "Show all signatories": ["Afficher tous les signataires", "Mostrar todos los firmantes", "Показать всех подписавших", "عرض كل الموقّعين"],
 "No signatory matches this search.": [
   "Aucun signataire ne correspond à cette recherche.",
   "Ningún firmante coincide con esta búsqueda.",
   "Никто из подписавших не соответствует этому запросу.",
   "لا يوجد موقّع يطابق هذا البحث."],
 "No names to show: every signatory so far asked not to be named.": [
   "Aucun nom à afficher : jusqu’ici, tous les signataires ont demandé à ne pas être nommés.",
   "No hay nombres que mostrar: hasta ahora, todos los firmantes pidieron no ser nombrados.",
   "Имён для показа нет: все подписавшие до сих пор попросили не называть их.",
   "لا أسماء لعرضها: طلب كل الموقّعين حتى الآن عدم ذكر أسمائهم."],
 "Control characters were removed from the search.": [
   "Les caractères de contrôle ont été retirés de la recherche.",
   "Se quitaron los caracteres de control de la búsqueda.",
   "Управляющие символы удалены из запроса.",
   "أُزيلت أحرف التحكم من البحث."],
 # The end of the list, after the last named signatory. Never 0 (the line is not shown then).
 "and {0} more who asked not to be named": {
   "en": {"one": "and {0} more who asked not to be named", "other": "and {0} more who asked not to be named"},
   "fr": {"one": "et {0} autre signataire qui a demandé à ne pas être nommé",
          "many": "et {0} d’autres signataires qui ont demandé à ne pas être nommés",
          "other": "et {0} autres signataires qui ont demandé à ne pas être nommés"},
   "es": {"one": "y {0} firmante más que pidió no ser nombrado",
          "many": "y {0} de firmantes más que pidieron no ser nombrados",
          "other": "y {0} firmantes más que pidieron no ser nombrados"},
   "ru": {"one": "и ещё {0} подписант, попросивший не называть его",
          "few": "и ещё {0} подписанта, попросивших не называть их",
          "many": "и ещё {0} подписантов, попросивших не называть их"},
   "ar": {"zero": "ولا أحد غيرهم",
          "one": "وموقّع واحد آخر طلب عدم ذكر اسمه",
          "two": "وموقّعان آخران طلبا عدم ذكر اسميهما",
          "few": "و{0} موقّعين آخرين طلبوا عدم ذكر أسمائهم",
          "many": "و{0} موقّعًا آخر طلبوا عدم ذكر أسمائهم",
          "other": "و{0} موقّع آخر طلبوا عدم ذكر أسمائهم"},
 },
}
