using System.Globalization;
using System.Text;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Benchmarks.Scale;

/// <summary>
/// A CSV file in the command line's own header (<c>kind,organisation,name,role,country,email,visibility,signed_at</c>)
/// with <c>count</c> distinct signatories: names in the scripts networks write in, one in five an
/// organisation (each its own), about 200 countries, every visibility a signer may choose, signing
/// dates spread over the last four weeks. Every row is valid and no two rows are duplicates, so the
/// import must store them all.
/// </summary>
internal static class ScaleCsv
{
    private static readonly string[] Given =
    [
        "Amadou", "Lucía", "Ольга", "فاطمة", "Priya", "Wanjiru", "João", "Nguyễn Thị", "Γιώργος", "Søren", "Małgorzata", "Camille",
        "Дмитрий", "يوسف", "Thandiwe", "Mateo", "अनीता", "Siti", "Aino", "Chinedu", "美咲", "지훈", "Юлія", "Mehmet", "Ayşe", "Noa", "Kwame",
    ];

    private static readonly string[] Family =
    [
        "Traoré", "García", "Смирнова", "حداد", "Sharma", "Mwangi", "Silva", "Minh Khai", "Παπαδόπουλος", "Kierkegaard", "Wiśniewska",
        "Dubois", "Коваленко", "الخطيب", "Nkosi", "Hernández", "वर्मा", "Rahayu", "Virtanen", "Okafor", "山田", "김", "Шевченко", "Yılmaz",
        "Cohen", "Mensah", "O'Brien",
    ];

    private static readonly string[] OrganisationWords =
    [
        "Harm Reduction Network", "Association des usagers", "Red de Reducción de Daños", "Сеть снижения вреда", "جمعية الحد من الضرر",
        "Drug Users Union", "Peer Support Collective", "Rede de Redução de Danos", "薬物政策ネットワーク", "Stowarzyszenie Redukcji Szkód",
    ];

    public static readonly string[] CountryCodes = Countries.Codes.Order(StringComparer.Ordinal).Take(200).ToArray();

    public static async Task WriteAsync(string path, string prefix, int count, DateTime now)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("kind,organisation,name,role,country,email,visibility,signed_at");
        var line = new StringBuilder();
        for (var n = 1; n <= count; n++)
        {
            var organisation = n % 5 == 0;
            // The family name moves every Given.Length rows, so names repeat only as real ones do.
            var name = $"{Given[n % Given.Length]} {Family[n / Given.Length % Family.Length]}";
            var signedAt = now.AddSeconds(-(n * 2_400_000L / count) - 60);
            line.Clear()
                .Append(organisation ? "organisation," : "individual,")
                .Append(organisation ? $"{OrganisationWords[n % OrganisationWords.Length]} {prefix}-{n}" : string.Empty).Append(',')
                .Append(name).Append(',')
                .Append(organisation ? "Coordinator" : string.Empty).Append(',')
                .Append(CountryCodes[n % CountryCodes.Length]).Append(',')
                .Append($"p{n}.{prefix}@scale.example.org").Append(',')
                .Append((n % 10, organisation) switch
                {
                    (3, false) => "CountedNotNamed",
                    (5, true) => "OrganisationOnly",
                    _ => "NameAndOrganisation",
                }).Append(',')
                .Append(signedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line);
        }
    }
}
