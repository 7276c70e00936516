using System.Text;
using CsvHelper;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// The named signatories the letter prints, as the CSV embedded in its PDF (an associated file,
/// PDF/A-3): what is on the pages, nothing more (no e-mail, no hidden signatory). UTF-8 with a byte
/// order mark like the coordinators' export, and the same neutralising of formula cells.
/// </summary>
internal static class SignatoryCsv
{
    /// <summary>The file as the PDF embeds it: written straight into its compressed form, never held whole.</summary>
    public static SignOnLetters.Pdf.Fluent.PdfAttachment Attachment(LetterDocumentModel model, LetterDocumentTexts texts) =>
        SignOnLetters.Pdf.Fluent.PdfAttachment.Written("signatories.csv", "text/csv", texts.SignatoriesHeading, output => Write(model, texts, output));

    public static void Write(LetterDocumentModel model, LetterDocumentTexts texts, Stream output)
    {
        var markLate = model.Edition is not null;
        using (var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in new[] { "Kind", "Name", "CountryCode", "Country", "SignedFor", "Role", "Organisation", "SignedAfterDelivery", "Unverified" })
                csv.WriteField(header);
            csv.NextRecord();
            foreach (var organisation in model.Signatories.Organisations)
                Row(csv, "Organisation", organisation.Name, organisation.CountryCode, texts, organisation.Signer?.Name, organisation.Signer?.Role, null,
                    markLate && organisation.SignedAfterDelivery, organisation.Unverified);
            foreach (var individual in model.Signatories.Individuals)
                Row(csv, "Individual", individual.Name, individual.CountryCode, texts, null, null, individual.Organisation,
                    markLate && individual.SignedAfterDelivery, false);
        }
    }

    private static void Row(CsvWriter csv, string kind, string name, string countryCode, LetterDocumentTexts texts,
        string? signer, string? role, string? organisation, bool late, bool unverified)
    {
        csv.WriteField(kind);
        csv.WriteField(CsvCells.Safe(name.Trim()));
        csv.WriteField(countryCode);
        csv.WriteField(Countries.IsKnown(countryCode) ? Countries.Name(countryCode, texts.CountryNameLanguage) : "");
        csv.WriteField(CsvCells.Safe(signer?.Trim()));
        csv.WriteField(CsvCells.Safe(role?.Trim()));
        csv.WriteField(CsvCells.Safe(organisation?.Trim()));
        csv.WriteField(late ? "yes" : "no");
        csv.WriteField(unverified ? "yes" : "no");
        csv.NextRecord();
    }
}
