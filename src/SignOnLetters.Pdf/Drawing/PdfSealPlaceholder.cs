using System.Globalization;
using System.Text;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// The signature dictionary of a sealed PDF (ADR 0016): written with a <c>/ByteRange</c> and a
/// <c>/Contents</c> placeholder of fixed width, then filled in place once the file is complete, so
/// the seal needs no incremental update and the file keeps a single cross-reference section.
/// </summary>
internal static class PdfSealPlaceholder
{
    // Wide enough for any offset below 10 GB; filled with the real values padded by spaces.
    private const string ByteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]";

    public static string Dictionary(IPdfSeal seal) =>
        "<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached " + ByteRangePlaceholder +
        " /Contents <" + new string('0', seal.MaximumSignatureLength * 2) + ">" +
        " /M " + seal.SigningTime.ToUniversalTime().ToString("'(D:'yyyyMMddHHmmss'Z)'", CultureInfo.InvariantCulture) +
        " /Name " + PdfFileReader.TextString(seal.SignerName) + ">>";

    /// <summary>
    /// Computes the byte ranges around /Contents, signs them and writes both into the finished file,
    /// which starts at <paramref name="fileStart"/> in <paramref name="file"/> and runs to its end. The
    /// signed bytes are read back from the file as the seal hashes them, never copied whole.
    /// </summary>
    public static void Fill(Stream file, long fileStart, long dictionaryOffset, IPdfSeal seal)
    {
        var fileLength = file.Length - fileStart;
        var window = new byte[(int)Math.Min(fileLength - dictionaryOffset, 1024 + seal.MaximumSignatureLength * 2L)];
        file.Position = fileStart + dictionaryOffset;
        file.ReadExactly(window);
        var rangeAt = window.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ByteRangePlaceholder));
        var contentsAt = window.AsSpan().IndexOf("/Contents <"u8) + "/Contents ".Length;
        var contentsEnd = contentsAt + 2 + seal.MaximumSignatureLength * 2; // '<', hex digits, '>'
        if (rangeAt < 0 || contentsAt < "/Contents ".Length || contentsEnd > window.Length || window[contentsEnd - 1] != (byte)'>')
            throw new InvalidOperationException("The signature dictionary's placeholders are not where they were written.");
        var contentsStart = dictionaryOffset + contentsAt;
        var contentsStop = dictionaryOffset + contentsEnd;

        var ranges = string.Create(CultureInfo.InvariantCulture, $"/ByteRange [0 {contentsStart} {contentsStop} {fileLength - contentsStop}]");
        file.Position = fileStart + dictionaryOffset + rangeAt;
        file.Write(Encoding.ASCII.GetBytes(ranges.PadRight(ByteRangePlaceholder.Length)));

        byte[] signature;
        using (var signed = new ByteRanges(file, [(fileStart, contentsStart), (fileStart + contentsStop, fileLength - contentsStop)]))
            signature = seal.Sign(signed);
        if (signature.Length > seal.MaximumSignatureLength)
            throw new InvalidOperationException($"The signature takes {signature.Length} bytes; {seal.MaximumSignatureLength} were reserved.");
        file.Position = fileStart + contentsStart + 1;
        file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(signature)));
        file.Position = fileStart + fileLength;
        file.Flush();
    }

    /// <summary>The byte ranges a seal covers, read one after the other from the file.</summary>
    private sealed class ByteRanges(Stream file, (long Start, long Length)[] ranges) : Stream
    {
        private int range;
        private long inRange;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (range < ranges.Length && inRange == ranges[range].Length)
            {
                range++;
                inRange = 0;
            }
            if (range == ranges.Length || buffer.Length == 0)
                return 0;
            var (start, length) = ranges[range];
            file.Position = start + inRange;
            var read = file.Read(buffer[..(int)Math.Min(buffer.Length, length - inRange)]);
            if (read == 0)
                throw new EndOfStreamException("The file is shorter than the seal's byte ranges.");
            inRange += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => ranges.Sum(r => r.Length);
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
