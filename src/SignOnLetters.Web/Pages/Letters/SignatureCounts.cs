using SignOnLetters.Data;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>The headline numbers: "Signed by N organisations from M countries and K individuals".</summary>
public sealed record SignatureCounts(int Organisations, int Individuals, int Countries)
{
    public int Total => Organisations + Individuals;

    public static SignatureCounts None { get; } = new(0, 0, 0);
}

public static class SignatureCountQueries
{
    /// <summary>
    /// Counts are computed from the signature rows when asked (never a counter row bumped per
    /// signature). Signatures do not exist yet: they come with the signatures feature (issue 10),
    /// which replaces this body with a grouped count over confirmed, approved signatures of the
    /// letter. Until then every letter has none, and pages and the API already show that.
    /// </summary>
    public static Task<SignatureCounts> ForLetterAsync(AppDbContext db, int letterId, CancellationToken cancellationToken) =>
        Task.FromResult(SignatureCounts.None);
}
