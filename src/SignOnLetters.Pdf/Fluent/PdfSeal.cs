namespace SignOnLetters.Pdf.Fluent;

/// <summary>
/// Seals a finished PDF (PAdES, ADR 0016). The engine writes the signature field and a signature
/// dictionary whose <c>/Contents</c> is a placeholder of <see cref="MaximumSignatureLength"/> bytes,
/// then hands the bytes the <c>/ByteRange</c> covers, as a stream, (the whole file but that placeholder) to
/// <see cref="Sign"/>, which returns a detached CMS signature (DER). The engine knows no keys and no
/// cryptography library: the caller does.
/// </summary>
public interface IPdfSeal
{
    /// <summary>The claimed signing time, written as the signature dictionary's <c>/M</c>; passed in so output is reproducible.</summary>
    DateTimeOffset SigningTime { get; }

    /// <summary>Who seals (the signature dictionary's <c>/Name</c>), e.g. the instance's host name.</summary>
    string SignerName { get; }

    /// <summary>What the seal is for, read out by assistive technology (the field's <c>/TU</c>).</summary>
    string Description { get; }

    /// <summary>Room reserved for the DER signature; a longer one throws.</summary>
    int MaximumSignatureLength { get; }

    /// <summary>
    /// A detached CMS signature over <paramref name="signedBytes"/> (the two byte ranges, joined),
    /// read from the finished file as it is hashed: a long letter's file is not copied into memory.
    /// </summary>
    byte[] Sign(Stream signedBytes);
}
