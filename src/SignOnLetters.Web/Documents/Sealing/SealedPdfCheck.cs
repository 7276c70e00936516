using System.Text;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Asn1.Pkcs;

namespace SignOnLetters.Web.Documents.Sealing;

/// <summary>What <see cref="SealedPdfCheck"/> found; only <see cref="Sealed"/> can be authentic.</summary>
public enum SealFinding
{
    /// <summary>Not a PDF at all (no header), or cut short (no end-of-file marker).</summary>
    NotPdf,

    /// <summary>A PDF with no seal.</summary>
    Unsigned,

    /// <summary>Sealed, but the seal does not cover these bytes: the file was altered, truncated or stitched.</summary>
    Altered,

    /// <summary>A valid signature, by a certificate that is not one of this instance's.</summary>
    NotOurs,

    /// <summary>Sealed by this instance, the seal intact and covering the whole file.</summary>
    Sealed,
}

/// <summary>
/// Checks a PDF's seal (ADR 0016) without trusting anything in it: the last signature dictionary's
/// /ByteRange must cover the whole file except exactly its /Contents, the CMS signature must verify
/// over those bytes with the certificate it names, and that certificate must be one of the
/// instance's (current or retired). Anything else is a finding, never an exception.
/// </summary>
public sealed class SealedPdfCheck(SealKeys keys)
{
    public SealFinding Check(byte[] file)
    {
        if (file.Length < 16 || !file.AsSpan().StartsWith("%PDF-"u8))
            return SealFinding.NotPdf;
        var tail = file.AsSpan(Math.Max(0, file.Length - 32));
        if (tail.IndexOf("%%EOF"u8) < 0)
            return SealFinding.NotPdf;
        var at = file.AsSpan().LastIndexOf("/ByteRange"u8);
        if (at < 0)
            return SealFinding.Unsigned;
        if (ByteRange(file, at) is not { } range)
            return SealFinding.Altered;
        var (contentsStart, contentsEnd) = range;
        if (Contents(file, contentsStart, contentsEnd) is not { } signature)
            return SealFinding.Altered;
        var signed = new byte[contentsStart + (file.Length - contentsEnd)];
        file.AsSpan(0, contentsStart).CopyTo(signed);
        file.AsSpan(contentsEnd).CopyTo(signed.AsSpan(contentsStart));
        try
        {
            var cms = new CmsSignedData(new CmsProcessableByteArray(signed), signature);
            var signers = cms.GetSignerInfos().GetSigners();
            if (signers.Count != 1)
                return SealFinding.Altered;
            var signer = signers.First();
            var certificate = cms.GetCertificates().EnumerateMatches(signer.SignerID).FirstOrDefault();
            if (certificate is null || signer.SignedAttributes?[PkcsObjectIdentifiers.IdAASigningCertificateV2] is null)
                return SealFinding.Altered;
            if (!signer.Verify(certificate))
                return SealFinding.Altered;
            return keys.IsOurs(certificate.GetEncoded()) ? SealFinding.Sealed : SealFinding.NotOurs;
        }
        catch (Exception ex) when (ex is CmsException or IOException or ArgumentException or InvalidCastException
                                       or Org.BouncyCastle.Security.SecurityUtilityException or InvalidOperationException
                                       or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            // A signature that does not parse or verify: whatever it was, it does not seal this file.
            return SealFinding.Altered;
        }
    }

    /// <summary>
    /// "[0 a b c]" with a the start of "&lt;…&gt;" and b just after it, and b + c the file's length:
    /// a seal that leaves any byte out (or bytes appended after it) does not cover the file.
    /// </summary>
    private static (int Start, int End)? ByteRange(byte[] file, int at)
    {
        var open = Array.IndexOf(file, (byte)'[', at);
        var close = open < 0 ? -1 : Array.IndexOf(file, (byte)']', open);
        if (open < 0 || close < 0 || close - open > 64)
            return null;
        var parts = Encoding.ASCII.GetString(file, open + 1, close - open - 1)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
            return null;
        var numbers = new long[4];
        for (var i = 0; i < 4; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return null;
        var (start, length, end, rest) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        if (start != 0 || length <= 0 || end <= length + 1 || end + rest != file.Length)
            return null;
        if (file[length] != (byte)'<' || file[end - 1] != (byte)'>')
            return null;
        return ((int)length, (int)end);
    }

    /// <summary>The DER signature inside "&lt;hex&gt;", without the zeros that pad the placeholder.</summary>
    private static byte[]? Contents(byte[] file, int start, int end)
    {
        var hex = Encoding.ASCII.GetString(file, start + 1, end - start - 2);
        if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
            return null;
        var bytes = Convert.FromHexString(hex);
        // A DER SEQUENCE with a definite length: its header says where the signature ends.
        if (bytes.Length < 4 || bytes[0] != 0x30)
            return null;
        int length, header;
        if (bytes[1] < 0x80)
            (length, header) = (bytes[1], 2);
        else
        {
            var count = bytes[1] & 0x7F;
            if (count is 0 or > 3 || bytes.Length < 2 + count)
                return null;
            length = 0;
            for (var i = 0; i < count; i++)
                length = (length << 8) | bytes[2 + i];
            header = 2 + count;
        }
        if (header + length > bytes.Length || bytes.AsSpan(header + length).ContainsAnyExcept((byte)0))
            return null;
        return bytes[..(header + length)];
    }
}
