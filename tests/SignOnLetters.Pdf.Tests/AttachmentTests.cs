using System.Text;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Tests;

/// <summary>
/// An attachment written as it is made is held compressed only (issue 20: the signatories' CSV of
/// a long letter) and embeds the same bytes as one given whole, however it was written.
/// </summary>
public sealed class AttachmentTests
{
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(0, 20_000).Select(i => $"Individual,Name {i} Ελένη مريم 山田,FR,France,,,,no,no\r\n")));

    [Fact]
    public void Should_compress_a_file_written_in_pieces_and_flushed_as_one_given_whole()
    {
        var whole = new PdfAttachment("signatories.csv", "text/csv", Csv, "Signatories");
        var written = PdfAttachment.Written("signatories.csv", "text/csv", "Signatories", output =>
        {
            // Uneven pieces and a writer's flushes on the way, as a StreamWriter's.
            var random = new Random(3);
            for (var at = 0; at < Csv.Length;)
            {
                var piece = Math.Min(random.Next(1, 5_000), Csv.Length - at);
                output.Write(Csv, at, piece);
                output.Flush();
                at += piece;
            }
        });

        Assert.Equal(Csv.Length, written.Size);
        Assert.Equal(whole.Size, written.Size);
        Assert.Equal(whole.Deflated.ToArray(), written.Deflated.ToArray());
        Assert.Equal(Csv, written.Content());
        Assert.True(written.Deflated.Length < Csv.Length / 3);
    }

    [Fact]
    public void Should_embed_the_same_file_whether_written_or_given()
    {
        Document WithAttachment(PdfAttachment attachment) => Document.Create(container => container.Page(page =>
        {
            page.Size(300, 300);
            page.Content().Text("A letter");
        })).WithMetadata(new DocumentMetadata
        {
            Title = "A letter",
            CreationDate = new DateTimeOffset(2026, 12, 5, 7, 0, 0, TimeSpan.Zero),
            Attachments = [attachment],
        });

        var given = WithAttachment(new PdfAttachment("signatories.csv", "text/csv", Csv, "Signatories")).GeneratePdf();
        var written = WithAttachment(PdfAttachment.Written("signatories.csv", "text/csv", "Signatories", output => output.Write(Csv))).GeneratePdf();

        Assert.Equal(given, written);
    }

    [Fact]
    public void Should_keep_an_empty_file()
    {
        var written = PdfAttachment.Written("empty.csv", "text/csv", "Nothing", _ => { });

        Assert.Equal(0, written.Size);
        Assert.Empty(written.Content());
    }
}
