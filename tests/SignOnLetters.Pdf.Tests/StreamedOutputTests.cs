using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Tests.Support;

namespace SignOnLetters.Pdf.Tests;

/// <summary>
/// Generate(Stream): the PDF written as it is made (issue 20: a long letter's file is never held
/// whole in memory). Skia's intermediate file sits beside the output and goes when it is done; the
/// finished bytes are those of the in-memory path; a seal reads what it signs back from the output.
/// </summary>
public sealed class StreamedOutputTests
{
    private static Document LongList(IPdfSeal? seal = null) => Document.Create(container => container.Page(page =>
    {
        page.Size(300, 300);
        page.Margin(20);
        page.Content().Column(column =>
        {
            foreach (var i in Enumerable.Range(1, 150))
                column.Item().Text($"Signatory number {i}, from a long list — Ελένη Παπαδοπούλου, مريم حداد");
        });
    })).WithMetadata(new DocumentMetadata { Title = "A long list", CreationDate = new DateTimeOffset(2026, 12, 5, 7, 0, 0, TimeSpan.Zero), Seal = seal });

    [Fact]
    public void Should_write_a_file_byte_for_byte_as_in_memory_and_leave_only_that_file()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "letter.pdf");
        var document = LongList();

        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            Assert.Empty(document.Generate(file));

        Assert.Equal(document.GeneratePdf(), File.ReadAllBytes(path));
        // Skia's own file was written beside it and removed.
        Assert.Equal([path], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Should_write_the_same_bytes_to_a_stream_that_only_goes_forward()
    {
        var document = LongList();
        using var forward = new ForwardOnly();

        document.GeneratePdf(forward);

        Assert.Equal(document.GeneratePdf(), forward.Written.ToArray());
    }

    [Fact]
    public void Should_seal_a_file_over_exactly_the_bytes_around_its_placeholder()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "sealed.pdf");
        var seal = new RecordingSeal();

        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
            LongList(seal).GeneratePdf(file);

        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var range = System.Text.RegularExpressions.Regex.Match(text, @"/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]");
        Assert.True(range.Success, "no /ByteRange filled in");
        var (gapStart, gapEnd, tail) = (int.Parse(range.Groups[1].Value), int.Parse(range.Groups[2].Value), int.Parse(range.Groups[3].Value));
        Assert.Equal(bytes.Length, gapEnd + tail);
        Assert.Equal(bytes[..gapStart].Concat(bytes[gapEnd..]), seal.Signed);
        // The signature went into the placeholder, hex-encoded, between '<' and '>'.
        Assert.Equal("<" + Convert.ToHexString(RecordingSeal.Signature), text.Substring(gapStart, 1 + RecordingSeal.Signature.Length * 2));
        Assert.Equal('>', text[gapEnd - 1]);
        // The same document sealed in memory is the same file.
        Assert.Equal(bytes, LongList(new RecordingSeal()).GeneratePdf());
    }

    [Fact]
    public void Should_refuse_to_seal_into_a_stream_it_cannot_read_back()
    {
        var error = Assert.Throws<ArgumentException>(() => LongList(new RecordingSeal()).GeneratePdf(new ForwardOnly()));

        Assert.Contains("sealed", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Keeps what it is asked to sign and signs with fixed bytes.</summary>
    private sealed class RecordingSeal : IPdfSeal
    {
        public static readonly byte[] Signature = [0x30, 0x82, 0x01, 0x02, 0xAB, 0xCD];

        public byte[] Signed { get; private set; } = [];

        public DateTimeOffset SigningTime { get; } = new(2026, 12, 5, 7, 0, 0, TimeSpan.Zero);
        public string SignerName => "tests.example.org";
        public string Description => "Seal of a test";
        public int MaximumSignatureLength => 512;

        public byte[] Sign(Stream signedBytes)
        {
            using var copy = new MemoryStream();
            signedBytes.CopyTo(copy, 1000); // small reads: each range is crossed in pieces
            Signed = copy.ToArray();
            return Signature;
        }
    }

    /// <summary>Like a response body: written once, front to back, never read or seeked.</summary>
    private sealed class ForwardOnly : Stream
    {
        public MemoryStream Written { get; } = new();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
