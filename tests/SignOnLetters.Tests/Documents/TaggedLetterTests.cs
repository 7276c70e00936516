using System.Text;
using System.Text.RegularExpressions;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Tests.Documents;

/// <summary>The letter as tagged PDF (PDF/UA-1) and PDF/A-3u, read back with poppler and qpdf (ADR 0012).</summary>
public sealed class TaggedLetterTests
{
    private static readonly LetterDocumentModel Model = SampleLetters.Letter(
        organisations:
        [
            new OrganisationSignatory("Air Watch", "FR", new SignerLine("Ana Lopez", "Director")),
            new OrganisationSignatory("=HYPERLINK(\"http://evil.example\")", "DE"),
        ],
        individuals:
        [
            new IndividualSignatory("Marie Curie", "PL"),
            new IndividualSignatory("山田太郎", "JP"),
            new IndividualSignatory(HebrewWithHyphen, "IL"),
        ]);

    /// <summary>Drawn as two reversed Hebrew runs around a Latin hyphen, which readers reorder their own way (ADR 0011).</summary>
    private const string HebrewWithHyphen = "ארגון אל-על";

    private static readonly byte[] Pdf = LetterDocument.Generate(Model);

    [RequiresToolsFact("pdfinfo")]
    public void Should_be_tagged_with_a_metadata_stream_that_says_pdfa_3u_and_pdfua_1()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Pdf);

        var (_, info, _) = ExternalTool.Run("pdfinfo", path);
        var (_, xmp, _) = ExternalTool.Run("pdfinfo", "-meta", path);

        Assert.Matches(@"Tagged:\s+yes", info);
        Assert.Matches(@"Title:\s+Clean air is a right, not a privilege", info);
        Assert.Contains("<pdfaid:part>3</pdfaid:part>", xmp);
        Assert.Contains("<pdfaid:conformance>U</pdfaid:conformance>", xmp);
        Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", xmp);
        Assert.Contains("<rdf:li>en</rdf:li>", xmp);
        Assert.Contains("<xmpMM:VersionID>2</xmpMM:VersionID>", xmp);
        Assert.Contains("Added the third demand", xmp);
        Assert.Contains("<xmp:CreateDate>2025-03-01T09:00:00Z</xmp:CreateDate>", xmp);
    }

    [RequiresToolsFact("qpdf")]
    public void Should_have_lang_markinfo_and_an_output_intent_in_the_catalog()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Pdf);

        var (exitCode, check, error) = ExternalTool.Run("qpdf", "--check", path);
        var (_, trailer, _) = ExternalTool.Run("qpdf", "--show-object=trailer", path);
        var root = Regex.Match(trailer, @"/Root (\d+) 0 R").Groups[1].Value;
        var (_, catalog, _) = ExternalTool.Run("qpdf", $"--show-object={root}", path);

        Assert.True(exitCode == 0 && !check.Contains("WARNING", StringComparison.Ordinal), check + error);
        Assert.Contains("/Lang <feff0065006e>", catalog, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/MarkInfo << /Marked true >>", catalog);
        Assert.Contains("/OutputIntents", catalog);
        Assert.Contains("/StructTreeRoot", catalog);
        Assert.Contains("/DisplayDocTitle true", catalog);
    }

    [RequiresToolsFact("qpdf")]
    public void Should_mark_a_japanese_name_as_japanese_and_nothing_else_as_english_again()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Pdf);
        var expanded = Path.Combine(directory.Path, "expanded.pdf");

        var (exitCode, _, error) = ExternalTool.Run("qpdf", "--qdf", "--object-streams=disable", path, expanded);
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(expanded));

        Assert.True(exitCode == 0, error);
        // "ja" on the list body of 山田太郎 (from Japan); "en" only once, on the catalog.
        Assert.Single(Regex.Matches(text, "/Lang <feff006a0061>", RegexOptions.IgnoreCase));
        Assert.Single(Regex.Matches(text, "/Lang <feff0065006e>", RegexOptions.IgnoreCase));
        Assert.Contains("/AFRelationship /Data", text);
        Assert.Contains("/S /GTS_PDFA1", text);
    }

    [RequiresToolsFact("qpdf")]
    public void Should_give_mixed_direction_entries_their_text_in_logical_order()
    {
        using var directory = new TempDirectory();
        var expanded = Path.Combine(directory.Path, "expanded.pdf");

        var (exitCode, _, error) = ExternalTool.Run("qpdf", "--qdf", "--object-streams=disable", directory.Write("letter.pdf", Pdf), expanded);
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(expanded));

        Assert.True(exitCode == 0, error);
        // As printed: names keep their hyphens on one line (U+2011).
        var hex = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(LetterDocument.WithNonBreakingHyphens(HebrewWithHyphen)));
        Assert.Matches(new Regex($"/ActualText <feff{hex}", RegexOptions.IgnoreCase), text);
        // A Latin-only entry reads back as drawn and needs none.
        var latin = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes("Marie Curie"));
        Assert.DoesNotMatch(new Regex($"/ActualText <feff{latin}", RegexOptions.IgnoreCase), text);
    }

    [RequiresToolsFact("pdfinfo")]
    public void Should_give_headings_list_items_and_figures_and_leave_furniture_out_of_the_structure()
    {
        using var directory = new TempDirectory();
        var (exitCode, structure, error) = ExternalTool.Run("pdfinfo", "-struct-text", directory.Write("letter.pdf", Pdf));
        var lines = structure.Split('\n');

        Assert.True(exitCode == 0, error);
        Assert.Equal("Document", lines[0].Trim());
        Assert.Equal("Clean air is a right, not a privilege", TextAfter(lines, "H1"));
        Assert.Equal("Signatories", TextAfter(lines, "H2", nth: lines.Count(line => line.Trim().StartsWith("H2", StringComparison.Ordinal)) - 1));
        Assert.Contains(lines, line => line.Trim().StartsWith("Figure", StringComparison.Ordinal));
        // Each signatory is a list item of its own, name with country.
        var items = Regex.Matches(structure, @"LI[^\n]*\n\s+LBody[^\n]*\n\s+""([^""]*)""").Select(match => match.Groups[1].Value).ToList();
        Assert.Contains(items, item => item.StartsWith("Air Watch", StringComparison.Ordinal) && item.Contains("France", StringComparison.Ordinal));
        Assert.Contains(items, item => item.StartsWith("Marie Curie", StringComparison.Ordinal) && item.Contains("Poland", StringComparison.Ordinal));
        // A Japanese name in an English letter is marked as Japanese; nothing else repeats the letter's language.
        // The version footer is furniture: on the page, not in the structure.
        Assert.DoesNotContain("Version 2", structure);
        Assert.DoesNotContain("Span", structure);
    }

    [RequiresToolsFact("pdfdetach")]
    public void Should_attach_the_signatories_as_csv_with_formulas_neutralised()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Pdf);

        var (_, list, _) = ExternalTool.Run("pdfdetach", "-list", path);
        var saved = Path.Combine(directory.Path, "out.csv");
        var (exitCode, _, error) = ExternalTool.Run("pdfdetach", "-save", "1", "-o", saved, path);
        var csv = Encoding.UTF8.GetString(File.ReadAllBytes(saved)).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.True(exitCode == 0, error);
        Assert.Contains("1 embedded files", list);
        Assert.Contains("signatories.csv", list);
        Assert.Equal("Kind,Name,CountryCode,Country,SignedFor,Role,Organisation,SignedAfterDelivery,Unverified", rows[0]);
        Assert.Contains("Organisation,Air Watch,FR,France,Ana Lopez,Director,,no,no", rows);
        Assert.Contains(rows, row => row.StartsWith("Organisation,\"'=HYPERLINK(", StringComparison.Ordinal));
        Assert.Contains("Individual,山田太郎,JP,Japan,,,,no,no", rows);
        Assert.Equal(6, rows.Length);
    }

    [Fact]
    public void Should_give_the_same_bytes_for_the_same_letter()
    {
        Assert.Equal(Pdf, LetterDocument.Generate(Model));
    }

    /// <summary>The quoted text under the nth structure element of a type.</summary>
    private static string TextAfter(string[] lines, string type, int nth = 0)
    {
        var index = lines.Select((line, i) => (line, i)).Where(entry => entry.line.Trim().StartsWith(type + " ", StringComparison.Ordinal) || entry.line.Trim() == type)
            .Skip(nth).First().i;
        return lines[index + 1].Trim().Trim('"');
    }
}
