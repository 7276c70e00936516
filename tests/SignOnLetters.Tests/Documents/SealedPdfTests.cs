using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Documents.Sealing;

namespace SignOnLetters.Tests.Documents;

/// <summary>
/// The sealed PDF (ADR 0016): a PAdES signature poppler lists, a file qpdf and pdfinfo still find
/// tagged PDF/A, and a check that says "sealed" for the file as written and for nothing else.
/// </summary>
public sealed class SealedPdfTests
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 1, 10, 30, 0, TimeSpan.Zero);
    private static readonly SealKeys Keys = KeysIn(TestSealingKeys.Directory);
    private static readonly SealedPdfCheck Check = new(Keys);
    private static readonly byte[] Sealed = Generate(Keys);

    internal static SealKeys KeysIn(string directory) => new(directory, createKeyIfMissing: true, "SignOnLetters tests", NullLogger.Instance);

    private static byte[] Generate(SealKeys keys, DateTimeOffset? at = null) =>
        LetterDocument.Generate(SampleLetters.Letter() with
        {
            Seal = new LetterSeal(3, "https://letters.example.org/letters/clean-air/verify", "ab12" + new string('0', 60),
                new CadesSeal(keys, at ?? IssuedAt, "letters.example.org", "Seal of edition 3 of this letter")),
        });

    [RequiresToolsFact("pdfsig")]
    public void Should_carry_a_pades_signature_that_pdfsig_lists_and_validates()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Sealed);

        var (_, output, error) = ExternalTool.Run("pdfsig", path);

        Assert.Contains("Signature #1", output);
        Assert.Contains("ETSI.CAdES.detached", output);
        Assert.Matches(@"Signature Validation:\s+Signature is Valid", output);
        Assert.Contains("Total document signed", output + error);
    }

    [RequiresToolsFact("qpdf", "pdfinfo")]
    public void Should_stay_a_valid_tagged_pdfa_with_the_seal_field_tagged_as_a_form()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Sealed);

        var (exitCode, check, error) = ExternalTool.Run("qpdf", "--check", path);
        var (_, info, _) = ExternalTool.Run("pdfinfo", path);
        var (_, xmp, _) = ExternalTool.Run("pdfinfo", "-meta", path);
        var (_, structure, _) = ExternalTool.Run("pdfinfo", "-struct", path);

        Assert.True(exitCode == 0 && !check.Contains("WARNING", StringComparison.Ordinal), check + error);
        Assert.Matches(@"Tagged:\s+yes", info);
        Assert.Matches(@"Form:\s+AcroForm", info);
        Assert.Contains("<pdfaid:part>3</pdfaid:part>", xmp);
        Assert.Contains("Form", structure);
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_print_the_counts_edition_short_address_and_record_head_on_the_last_page()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", Sealed);

        var (_, text, _) = ExternalTool.Run("pdftotext", "-layout", path, "-");

        Assert.Contains("Edition 3", text);
        Assert.Contains("Check this letter at letters.example.org/letters/clean-air/verify", text);
        Assert.Contains("Record: ab12", text);
    }

    [Fact]
    public void Should_be_the_same_bytes_for_the_same_edition_and_other_bytes_at_another_time()
    {
        Assert.Equal(Sealed, Generate(Keys));
        Assert.NotEqual(Sealed, Generate(Keys, IssuedAt.AddSeconds(1)));
    }

    [Fact]
    public void Should_find_the_file_as_written_sealed_by_us()
    {
        Assert.Equal(SealFinding.Sealed, Check.Check(Sealed));
    }

    /// <summary>Every region: the header, the page content, the signature's own hex digits and its
    /// padding, the signature dictionary, the cross-reference stream and the last bytes.</summary>
    [Fact]
    public void Should_find_any_altered_byte_whatever_its_region()
    {
        var contents = SignatureContents(Encoding.Latin1.GetString(Sealed)) + 1;
        var dictionary = Encoding.Latin1.GetString(Sealed).IndexOf("/Type /Sig", StringComparison.Ordinal);
        int[] positions = [5, 200, Sealed.Length / 3, Sealed.Length / 2, contents + 3, contents + 2000, contents + 16000, dictionary, Sealed.Length - 40, Sealed.Length - 8, Sealed.Length - 1];
        foreach (var position in positions)
        {
            var altered = (byte[])Sealed.Clone();
            // A hex digit stays a hex digit inside /Contents, so the file still parses as before.
            altered[position] = altered[position] switch { (byte)'0' => (byte)'1', (byte)'1' => (byte)'0', var b => (byte)(b ^ 0x01) };
            Assert.True(Check.Check(altered) != SealFinding.Sealed, $"A change at byte {position} of {Sealed.Length} went unnoticed.");
        }
    }

    [Fact]
    public void Should_refuse_truncated_appended_and_non_pdf_files()
    {
        Assert.NotEqual(SealFinding.Sealed, Check.Check(Sealed[..^100]));
        Assert.NotEqual(SealFinding.Sealed, Check.Check(Sealed[..(Sealed.Length / 2)]));
        // An incremental update after the seal: the /ByteRange no longer reaches the end.
        Assert.Equal(SealFinding.Altered, Check.Check([.. Sealed, .. "1 0 obj\n(x)\nendobj\n%%EOF\n"u8.ToArray()]));
        Assert.Equal(SealFinding.NotPdf, Check.Check("hello, this is not a PDF at all %%EOF"u8.ToArray()));
        Assert.Equal(SealFinding.NotPdf, Check.Check([]));
        Assert.Equal(SealFinding.Unsigned, Check.Check(LetterDocument.Generate(SampleLetters.Letter())));
    }

    [Fact]
    public void Should_refuse_a_forged_byte_range_that_leaves_an_altered_region_out()
    {
        var text = Encoding.Latin1.GetString(Sealed);
        var range = Regex.Match(text, @"/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]");
        var (start, end) = (int.Parse(range.Groups[1].Value), int.Parse(range.Groups[2].Value));
        // Claim the seal covers less (the first 100 bytes are "the signature"), and change them.
        var forged = text[..range.Index] + $"/ByteRange [0 100 {end} {Sealed.Length - end}]".PadRight(range.Length) + text[(range.Index + range.Length)..];
        var bytes = Encoding.Latin1.GetBytes(forged);
        bytes[50] ^= 0x01;

        Assert.Equal(start, SignatureContents(text));
        Assert.Equal(SealFinding.Altered, Check.Check(bytes));
    }

    [Fact]
    public void Should_tell_a_seal_by_another_key_and_our_seal_moved_onto_another_file()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "sol-tests", Guid.NewGuid().ToString("N"), "sealing");
        using var otherKeys = KeysIn(elsewhere);
        Assert.Equal(SealFinding.NotOurs, Check.Check(Generate(otherKeys)));

        // Our signature copied into another file of the same length: it signs other bytes.
        var other = Generate(Keys, IssuedAt.AddDays(1));
        var ours = Encoding.Latin1.GetString(Sealed);
        var theirs = Encoding.Latin1.GetString(other);
        var at = SignatureContents(ours);
        var end = ours.IndexOf('>', at);
        Assert.Equal(at, SignatureContents(theirs));
        var stitched = Encoding.Latin1.GetBytes(theirs[..at] + ours[at..(end + 1)] + theirs[(end + 1)..]);
        Assert.Equal(SealFinding.Altered, Check.Check(stitched));
    }

    /// <summary>Where the signature dictionary's "&lt;hex&gt;" starts (link annotations have a /Contents too).</summary>
    private static int SignatureContents(string pdf) =>
        pdf.IndexOf("/Contents <", pdf.IndexOf("/Type /Sig", StringComparison.Ordinal), StringComparison.Ordinal) + "/Contents ".Length;
}
