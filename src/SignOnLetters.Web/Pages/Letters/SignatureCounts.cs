namespace SignOnLetters.Web.Pages.Letters;

/// <summary>The headline numbers: "349 signatories from 72 countries: 95 organisations and 254 individuals".</summary>
/// <param name="Countries">The countries of every counted signatory, organisations and individuals alike
/// (the headline says "N signatories from M countries", so M is counted over the same N).</param>
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

/// <summary>
/// The one wording of the counts, for the letter page, the signatory list, the home page, the embed,
/// the JSON API and the PDF: "349 signatories from 72 countries: 95 organisations and 254
/// individuals". A kind nobody signed as is left out, so a petition that takes only individuals
/// never mentions organisations ("254 signatories from 72 countries"). Each count takes its own
/// plural form in the current UI language (Russian has three, Arabic six; see <see cref="PluralText"/>).
/// </summary>
public static class SignatureCountWording
{
    public static string Headline(IStringLocalizer<SharedResource> T, SignatureCounts counts)
    {
        var countries = T.Plural("from {0} countries", counts.Countries);
        return (counts.Organisations, counts.Individuals) switch
        {
            (0, 0) => T["Not yet signed"],
            (_, 0) => T["{0} {1}", T.Plural("{0} organisations", counts.Organisations), countries],
            (0, _) => T["{0} {1}", T.Plural("{0} signatories", counts.Individuals), countries],
            _ => T["{0} {1}: {2} and {3}", T.Plural("{0} signatories", counts.Total), countries,
                T.Plural("{0} organisations", counts.Organisations), T.Plural("{0} individuals", counts.Individuals)],
        };
    }

    /// <summary>The goal as text beside its bar: "Goal: 500 signatures (70 % reached)".</summary>
    public static string Goal(IStringLocalizer<SharedResource> T, SignatureProgress progress) =>
        T["Goal: {0} ({1} reached)", T.Plural("{0} signatures", progress.Goal),
            (progress.Percent / 100.0).ToString("P0", CultureInfo.CurrentCulture)];
}

/// <summary>How far a letter is towards its signature goal (a goal of zero or less is no goal).</summary>
public sealed record SignatureProgress(int Signed, int Goal)
{
    public static SignatureProgress? Of(SignatureCounts counts, int? goal) => goal is > 0 ? new(counts.Total, goal.Value) : null;

    /// <summary>Whole per cent reached, rounded down (99.6 % is not yet the goal); over 100 once exceeded.</summary>
    public int Percent => (int)Math.Min(int.MaxValue, (long)Signed * 100 / Goal);

    /// <summary>The bar's filled value: full once the goal is reached.</summary>
    public int BarValue => Math.Min(Signed, Goal);
}

/// <summary>Counted (approved) signatures of one kind from one country.</summary>
public sealed record CountedGroup(SignerKind Kind, string CountryCode, int Count);

public static class SignatureCountQueries
{
    /// <summary>
    /// Read from the letter's running tallies (<see cref="SignatureTally"/>, kept in the same
    /// transaction as every change of a signature), never by counting its rows: a few hundred rows
    /// at most whatever the number of signatures.
    /// </summary>
    public static async Task<SignatureCounts> ForLetterAsync(AppDbContext db, int letterId, CancellationToken cancellationToken) =>
        SignatureCounts.Of(await GroupsAsync(db, letterId, cancellationToken));

    /// <summary>The approved signatures of a letter counted per kind and country.</summary>
    public static async Task<List<CountedGroup>> GroupsAsync(AppDbContext db, int letterId, CancellationToken cancellationToken) =>
        (await FacetAsync(db, letterId, SignatureFacets.Counted, cancellationToken)).Select(Group).ToList();

    /// <summary>The approved signatures of several letters counted per kind and country (one query).</summary>
    public static async Task<ILookup<int, CountedGroup>> GroupsAsync(AppDbContext db, IReadOnlyCollection<int> letterIds, CancellationToken cancellationToken) =>
        (await db.SignatureTallies.AsNoTracking()
            .Where(t => letterIds.Contains(t.LetterId) && t.Facet == SignatureFacets.Counted && t.Count != 0)
            .Select(t => new { t.LetterId, t.Key, t.Count })
            .ToListAsync(cancellationToken))
        .ToLookup(t => t.LetterId, t => Group((t.Key, t.Count)));

    /// <summary>One facet of a letter's tallies (see <see cref="SignatureFacets"/>): its keys with their non-zero counts.</summary>
    public static async Task<List<(string Key, int Count)>> FacetAsync(AppDbContext db, int letterId, string facet, CancellationToken cancellationToken)
    {
        var facetCounts = new List<(string Key, int Count)>();
        await foreach (var tally in Facet.For(db)(db, letterId, facet).WithCancellation(cancellationToken))
            facetCounts.Add((tally.Key, tally.Count));
        return facetCounts;
    }

    private sealed record FacetRow(string Key, int Count);

    // Compiled: every public letter page and list page reads a facet or three; a LINQ query would
    // rebuild and hash its expression tree on each (docs/benchmarks.md, "The public page on a cache miss").
    private static readonly CompiledPerModel<Func<AppDbContext, int, string, IAsyncEnumerable<FacetRow>>> Facet = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int letterId, string facet) => db.SignatureTallies.AsNoTracking()
            .Where(t => t.LetterId == letterId && t.Facet == facet && t.Count != 0)
            .Select(t => new FacetRow(t.Key, t.Count))));

    private static CountedGroup Group((string Key, int Count) tally)
    {
        var (kind, country) = SignatureFacets.ParseCounted(tally.Key);
        return new CountedGroup(kind, country, tally.Count);
    }
}

/// <summary>The model of <c>_CountHeadline</c>: the counts, and the goal when the letter has one.</summary>
public sealed record CountHeadline(SignatureCounts Counts, int? Goal = null);
