namespace SignOnLetters.Web.Infrastructure.Seeding;

/// <summary>
/// A few hundred made-up but realistic co-signers for the demo letter: harm-reduction groups and
/// people from every region, in their own scripts, with the three visibility choices mixed, spread
/// over the weeks before today. Fixed seed, so every newcomer sees the same list.
/// </summary>
internal static class DemoSignatories
{
    private static readonly (string Name, string Country)[] Organisations =
    [
        ("Médecins du Monde – Mission France", "FR"), ("Asociación Bienestar y Desarrollo", "ES"), ("Réseau Ivoirien des Usagers de Drogues", "CI"),
        ("Kenya Network of People Who Use Drugs", "KE"), ("Харм Редукшн Украина", "UA"), ("Ассоциация «Свеча»", "RU"), ("Γιατροί του Κόσμου Ελλάδας", "GR"),
        ("الجمعية اللبنانية للحد من الضرر", "LB"), ("جمعية الحد من المخاطر – المغرب", "MA"), ("ארגון אל-על לצמצום נזקים", "IL"),
        ("भारतीय हानि न्यूनीकरण नेटवर्क", "IN"), ("เครือข่ายผู้ใช้ยาประเทศไทย", "TH"), ("中国减害网络", "CN"), ("台灣減害協會", "TW"),
        ("日本ハームリダクション協会", "JP"), ("한국 해악감소 네트워크", "KR"), ("Rede Brasileira de Redução de Danos", "BR"),
        ("Acción Técnica Social", "CO"), ("Intercambios Asociación Civil", "AR"), ("Centro de Convivencia Social – México", "MX"),
        ("Harm Reduction Australia", "AU"), ("New Zealand Drug Foundation", "NZ"), ("Canadian Drug Policy Coalition", "CA"),
        ("National Harm Reduction Coalition", "US"), ("Release", "GB"), ("Mainline", "NL"), ("Akzept e.V.", "DE"), ("Suchthilfe Wien", "AT"),
        ("Fixpunkt Zürich", "CH"), ("Fundação Aurora", "PT"), ("Forum Droghe", "IT"), ("Stowarzyszenie JUMP 93", "PL"),
        ("Sananvapauden puolesta", "FI"), ("Svenska Brukarföreningen", "SE"), ("Brukerforeningen", "NO"), ("Gadens Hjerte", "DK"),
        ("Asociatia Carusel", "RO"), ("Initiative for Health Foundation", "BG"), ("Rights Reporter Foundation", "HU"),
        ("Eurasian Harm Reduction Association", "LT"), ("Positive Initiative", "MD"), ("Alliance for Public Health", "UA"),
        ("Nigeria Network of Drug Users", "NG"), ("TB/HIV Care", "ZA"), ("Tanzania Network of People Who Use Drugs", "TZ"),
        ("Uganda Harm Reduction Network", "UG"), ("Association Sénégalaise pour la Réduction des Risques", "SN"),
        ("Réseau Tunisien de Réduction des Risques", "TN"), ("جمعية الرعاية الصحية – مصر", "EG"), ("انجمن کاهش آسیب ایران", "IR"),
        ("نیٹ ورک برائے کمی نقصان پاکستان", "PK"), ("Youth RISE Nepal", "NP"), ("Mạng lưới người sử dụng ma túy Việt Nam", "VN"),
        ("Persaudaraan Korban Napza Indonesia", "ID"), ("Malaysian AIDS Council", "MY"), ("NoBox Philippines", "PH"),
        ("Cambodian Harm Reduction Network", "KH"), ("Asian Network of People who Use Drugs", "TH"), ("Кыргызская ассоциация «Шаг вперёд»", "KG"),
        ("Партнёрская сеть Казахстана", "KZ"),
    ];

    private static readonly (string[] Given, string[] Family, string[] Countries)[] People =
    [
        (["Marie", "Camille", "Lucas", "Amadou", "Awa", "Koffi"], ["Dubois", "Traoré", "Koné", "Martin", "Diallo"], ["FR", "CI", "SN", "BE"]),
        (["Lucía", "Mateo", "Valentina", "Santiago", "Camila"], ["García", "Rodríguez", "Martínez", "López", "Hernández"], ["ES", "MX", "CO", "AR", "PE"]),
        (["Анна", "Дмитрий", "Ольга", "Сергей", "Наталья"], ["Иванова", "Петров", "Смирнова", "Коваленко", "Ким"], ["RU", "UA", "KZ", "KG"]),
        (["فاطمة", "أحمد", "ليلى", "يوسف", "مريم"], ["حداد", "الخطيب", "منصور", "العلي"], ["LB", "MA", "JO", "EG"]),
        (["Priya", "Arjun", "अनीता", "राहुल"], ["Sharma", "Patel", "वर्मा", "Nair"], ["IN", "NP"]),
        (["李", "王", "张", "陈"], ["伟", "芳", "娜", "强"], ["CN", "TW"]),
        (["Grace", "John", "Wanjiru", "Chinedu", "Thandiwe"], ["Otieno", "Mwangi", "Okafor", "Nkosi", "Banda"], ["KE", "NG", "ZA", "UG", "TZ"]),
        (["Emma", "Liam", "Sophie", "Noah", "Olivia"], ["Smith", "Jansen", "Müller", "Kowalski", "Andersson"], ["GB", "NL", "DE", "PL", "SE", "US", "CA", "AU"]),
        (["Ana", "João", "Beatriz", "Pedro"], ["Silva", "Santos", "Oliveira", "Costa"], ["BR", "PT"]),
        (["Nguyễn", "Trần", "Siti", "Budi", "Maria"], ["Văn An", "Thị Bình", "Rahayu", "Santoso", "Reyes"], ["VN", "ID", "PH"]),
    ];

    /// <param name="coordinatorId">The demo coordinator, who has checked most organisations' signatures
    /// with them: the demo shows verified ones and a few still marked "unverified", as a real letter would.</param>
    public static IEnumerable<Signature> For(SigningTerms terms, string coordinatorId, DateTime now)
    {
        var random = new Random(20261124);
        var number = 0;
        foreach (var (name, country) in Organisations)
        {
            var signedAt = now.AddMinutes(-random.Next(60, 60 * 24 * 30));
            var details = new SignerDetails(SignerKind.Organisation, name, country, $"Coordinator {++number}", "Director",
                null, $"org{number}@example.org", Visibility(random), KeepMeUpdated: random.Next(3) == 0);
            var signature = Confirmed(terms, details, signedAt);
            if (number % 5 != 0)
                signature.VerifyByCoordinator(coordinatorId, ModerationMode.Automatic, signedAt.AddHours(2));
            yield return signature;
        }
        for (var i = 0; i < 240; i++)
        {
            var (given, family, countries) = People[i % People.Length];
            var fullName = given[0].Length == 1 && family[0].Length <= 2
                ? given[random.Next(given.Length)] + family[random.Next(family.Length)]
                : $"{given[random.Next(given.Length)]} {family[random.Next(family.Length)]}";
            var visibility = Visibility(random) == SignatureVisibility.CountedNotNamed ? SignatureVisibility.CountedNotNamed : SignatureVisibility.NameAndOrganisation;
            var signedAt = now.AddMinutes(-random.Next(5, 60 * 24 * 30));
            var details = new SignerDetails(SignerKind.Individual, random.Next(4) == 0 ? Organisations[random.Next(Organisations.Length)].Name : null,
                countries[random.Next(countries.Length)], fullName, null, null, $"person{++number}@example.org", visibility, KeepMeUpdated: random.Next(4) == 0);
            yield return Confirmed(terms, details, signedAt);
        }
    }

    private static SignatureVisibility Visibility(Random random) => random.Next(10) switch
    {
        0 => SignatureVisibility.CountedNotNamed,
        1 => SignatureVisibility.OrganisationOnly,
        _ => SignatureVisibility.NameAndOrganisation,
    };

    private static Signature Confirmed(SigningTerms terms, SignerDetails details, DateTime signedAt)
    {
        var signature = terms.Sign(details, SignatureSource.PublicForm,
            new ConfirmationTokens(SecureToken.Create().Hash, SecureToken.Create().Hash), signedAt);
        signature.Confirm(ModerationMode.Automatic, signedAt.AddMinutes(3));
        return signature;
    }
}
