namespace SignOnLetters.Domain.Letters;

/// <summary>
/// One sealed PDF the instance handed out (ADR 0016): which letter, which edition, the SHA-256 of
/// the exact file, and what it listed then, so that anyone who uploads the file later learns that
/// it is authentic and what changed since. A row per distinct file: the delivered PDF of edition N,
/// its other language versions, and a regeneration after a signature was withdrawn are each a
/// file of edition N with their own counts. The file itself is not kept.
/// </summary>
public class SealedEdition
{
    public const int Sha256Length = 64;

    public long Id { get; private set; }
    public int LetterId { get; private set; }
    public int Number { get; private set; }
    public string LanguageCode { get; private set; } = null!;

    /// <summary>Lower-case hex of the sealed file's SHA-256; unique.</summary>
    public string Sha256 { get; private set; } = null!;

    /// <summary>The seal's signing time (the edition's issue time).</summary>
    public DateTime SealedAt { get; private set; }

    public int OrganisationCount { get; private set; }
    public int IndividualCount { get; private set; }

    /// <summary>
    /// The approved signatures the file counted, as their ids in ascending order, comma-separated:
    /// compared with today's list to say what was added and withdrawn since. Never shown.
    /// </summary>
    public string SignatureIds { get; private set; } = null!;

    private SealedEdition() { }

    public SealedEdition(int letterId, int number, string languageCode, string sha256, DateTime sealedAt,
        int organisationCount, int individualCount, IEnumerable<int> signatureIds)
    {
        if (number < 1)
            throw new ArgumentOutOfRangeException(nameof(number), "Editions count from 1.");
        if (sha256.Length != Sha256Length || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("A SHA-256 in lower-case hex.", nameof(sha256));
        (LetterId, Number, LanguageCode, Sha256, SealedAt) = (letterId, number, languageCode, sha256, sealedAt);
        (OrganisationCount, IndividualCount) = (organisationCount, individualCount);
        SignatureIds = string.Join(',', signatureIds.Order());
    }

    public int TotalCount => OrganisationCount + IndividualCount;

    public IReadOnlySet<int> SignatureIdSet() =>
        SignatureIds.Length == 0 ? new HashSet<int>() : SignatureIds.Split(',').Select(int.Parse).ToHashSet();
}
