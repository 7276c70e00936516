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

    /// <summary>Computes the byte ranges around /Contents, signs them and writes both into <paramref name="file"/>.</summary>
    public static void Fill(byte[] file, long dictionaryOffset, IPdfSeal seal)
    {
        var span = file.AsSpan();
        var rangeAt = (int)dictionaryOffset + span[(int)dictionaryOffset..].IndexOf(Encoding.ASCII.GetBytes(ByteRangePlaceholder));
        var contentsAt = (int)dictionaryOffset + span[(int)dictionaryOffset..].IndexOf("/Contents <"u8) + "/Contents ".Length;
        var contentsEnd = contentsAt + 2 + seal.MaximumSignatureLength * 2; // '<', hex digits, '>'
        if (rangeAt < (int)dictionaryOffset || contentsAt < (int)dictionaryOffset || file[contentsEnd - 1] != (byte)'>')
            throw new InvalidOperationException("The signature dictionary's placeholders are not where they were written.");

        var ranges = string.Create(CultureInfo.InvariantCulture, $"/ByteRange [0 {contentsAt} {contentsEnd} {file.Length - contentsEnd}]");
        Encoding.ASCII.GetBytes(ranges.PadRight(ByteRangePlaceholder.Length)).CopyTo(span[rangeAt..]);

        var signed = new byte[contentsAt + (file.Length - contentsEnd)];
        span[..contentsAt].CopyTo(signed);
        span[contentsEnd..].CopyTo(signed.AsSpan(contentsAt));
        var signature = seal.Sign(signed);
        if (signature.Length > seal.MaximumSignatureLength)
            throw new InvalidOperationException($"The signature takes {signature.Length} bytes; {seal.MaximumSignatureLength} were reserved.");
        Encoding.ASCII.GetBytes(Convert.ToHexString(signature)).CopyTo(span[(contentsAt + 1)..]);
    }
}
