namespace SignOnLetters.Benchmarks.Load;

/// <summary>
/// Distinct, realistic signers: names in the scripts the networks write in, organisations and
/// individuals mixed (one in four signs for an organisation), countries from every region. Every
/// e-mail address and organisation name carries the run's id and a serial, so no two submissions
/// of a run collide and each accepted one can be found again afterwards.
/// </summary>
internal sealed class Signers(string runId)
{
    public const string EmailDomain = "load.example.org";

    private static readonly string[] Given =
    [
        "Amadou", "Lucía", "Ольга", "فاطمة", "Priya", "Wanjiru", "João", "Nguyễn Thị", "Γιώργος", "Søren", "Małgorzata",
        "Camille", "Дмитрий", "يوسف", "Thandiwe", "Mateo", "अनीता", "Siti", "Aino", "Chinedu",
    ];

    private static readonly string[] Family =
    [
        "Traoré", "García", "Смирнова", "حداد", "Sharma", "Mwangi", "Silva", "Minh Khai", "Παπαδόπουλος", "Kierkegaard",
        "Wiśniewska", "Dubois", "Коваленко", "الخطيب", "Nkosi", "Hernández", "वर्मा", "Rahayu", "Virtanen", "Okafor",
    ];

    private static readonly string[] OrganisationWords =
    [
        "Harm Reduction Network", "Association des usagers", "Red de Reducción de Daños", "Сеть снижения вреда",
        "جمعية الحد من الضرر", "Drug Users Union", "Peer Support Collective", "Rede de Redução de Danos",
    ];

    private static readonly string[] Countries = ["FR", "ES", "UA", "LB", "IN", "KE", "BR", "VN", "GR", "DK", "PL", "CI", "KZ", "MA", "ZA", "MX", "NP", "ID", "FI", "NG"];

    public Signer For(long number)
    {
        var isOrganisation = number % 4 == 0;
        var name = $"{Given[number % Given.Length]} {Family[number / Given.Length % Family.Length]}";
        return new Signer(
            isOrganisation ? "organisation" : "individual",
            isOrganisation ? $"{OrganisationWords[number % OrganisationWords.Length]} {runId}-{number}" : null,
            Countries[number % Countries.Length],
            name,
            isOrganisation ? "Coordinator" : null,
            $"signer{number}.{runId}@{EmailDomain}");
    }
}

internal sealed record Signer(string Kind, string? OrganisationName, string CountryCode, string Name, string? Role, string Email);
