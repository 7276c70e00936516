using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>The headline numbers: "Signed by N organisations from M countries and K individuals".</summary>
public sealed record SignatureCounts(int Organisations, int Individuals, int Countries)
{
    public int Total => Organisations + Individuals;

    public static SignatureCounts None { get; } = new(0, 0, 0);

    /// <summary>The headline numbers from the per-kind, per-country groups.</summary>
    public static SignatureCounts Of(IReadOnlyCollection<CountedGroup> groups) => new(
        groups.Where(g => g.Kind == SignerKind.Organisation).Sum(g => g.Count),
        groups.Where(g => g.Kind == SignerKind.Individual).Sum(g => g.Count),
        groups.Select(g => g.CountryCode).Distinct().Count());
}

/// <summary>Counted (approved) signatures of one kind from one country.</summary>
public sealed record CountedGroup(SignerKind Kind, string CountryCode, int Count);

public static class SignatureCountQueries
{
    /// <summary>
    /// Computed from the approved signature rows when asked, through the (LetterId, State, Kind,
    /// CountryCode) index, never from a counter row bumped per signature: one grouped query, a row
    /// per kind and country.
    /// </summary>
    public static async Task<SignatureCounts> ForLetterAsync(AppDbContext db, int letterId, CancellationToken cancellationToken) =>
        SignatureCounts.Of(await GroupsAsync(db, letterId, cancellationToken));

    /// <summary>The approved signatures of a letter counted per kind and country (one grouped query).</summary>
    public static async Task<List<CountedGroup>> GroupsAsync(AppDbContext db, int letterId, CancellationToken cancellationToken) =>
        await db.Signatures.AsNoTracking()
            .Where(s => s.LetterId == letterId && s.State == SignatureState.Approved)
            .GroupBy(s => new { s.Kind, s.CountryCode })
            .Select(g => new CountedGroup(g.Key.Kind, g.Key.CountryCode, g.Count()))
            .ToListAsync(cancellationToken);
}
