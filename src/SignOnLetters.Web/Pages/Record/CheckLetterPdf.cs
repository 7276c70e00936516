using System.Security.Cryptography;
using SignOnLetters.Web.Documents.Sealing;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>
/// "Is this PDF an authentic edition of this letter?" (issue 22, ADR 0016). The file is read into
/// memory, checked and dropped: nothing of it is stored or logged. Authentic means three things at
/// once: the seal verifies over every byte, the certificate is one of this instance's, and the
/// file's SHA-256 is that of a file this letter was issued as. Then the answer says which edition
/// and what changed since, as counts and the names the public list shows today.
/// </summary>
public sealed record CheckLetterPdf(string Slug, Stream File) : IQuery<CheckLetterPdf.Result>
{
    /// <summary>A 2,000-signatory letter with logos is a few megabytes; ten leaves room and bounds the work.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>How many names of signatories added since are listed; the rest are counted.</summary>
    public const int NamesShown = 50;

    public enum Verdict
    {
        Authentic,
        NotPdf,
        Unsigned,
        Altered,
        NotOurs,
        NotAnEdition,
        OtherLetter,
    }

    /// <param name="Added">Approved now, not in the file: their count, and the listed ones' names (at most <see cref="NamesShown"/>).</param>
    /// <param name="Withdrawn">In the file, no longer counted (withdrawn, removed or erased); counted only: their names are no longer public.</param>
    public sealed record Result(Verdict Verdict, int Edition = 0, DateTime? SealedAt = null, int Organisations = 0, int Individuals = 0,
        int Added = 0, IReadOnlyList<string>? AddedNames = null, int Withdrawn = 0, int CountNow = 0)
    {
        public bool IsAuthentic => Verdict == Verdict.Authentic;
        public IReadOnlyList<string> AddedNamesShown => AddedNames ?? [];
    }

    public sealed class Handler(AppDbContext db, SealedPdfCheck seals, PdfCheckRateLimiter limiter, IClientAddress client) : IQueryHandler<CheckLetterPdf, Result>
    {
        public async ValueTask<Result> Handle(CheckLetterPdf query, CancellationToken cancellationToken)
        {
            var letter = await PublishedLetter.FindAsync(db, query.Slug, cancellationToken);
            if (!limiter.TryAcquire(client.Address))
                throw new DomainRuleException("Too many files were checked from your network in the last hour. Please wait, then try again.");
            var file = await ReadBoundedAsync(query.File, cancellationToken)
                ?? throw new DomainRuleException("The file is larger than 10 MB: it cannot be a PDF delivered from this site.");

            var finding = seals.Check(file);
            if (finding != SealFinding.Sealed)
                return new Result(finding switch
                {
                    SealFinding.NotPdf => Verdict.NotPdf,
                    SealFinding.Unsigned => Verdict.Unsigned,
                    SealFinding.NotOurs => Verdict.NotOurs,
                    _ => Verdict.Altered,
                });
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
            var edition = await db.SealedEditions.AsNoTracking().SingleOrDefaultAsync(e => e.Sha256 == sha256, cancellationToken);
            if (edition is null)
                return new Result(Verdict.NotAnEdition);
            if (edition.LetterId != letter.Id)
                return new Result(Verdict.OtherLetter);

            var approved = db.Signatures.AsNoTracking().Where(s => s.LetterId == letter.Id && s.State == SignatureState.Approved);
            var now = (await approved.Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
            var then = edition.SignatureIdSet();
            var added = now.Where(id => !then.Contains(id)).ToList();
            var names = await approved.Where(s => added.Contains(s.Id)).Where(PublicSignatory.IsListed)
                .OrderBy(s => s.ConfirmedAt ?? s.CreatedAt).ThenBy(s => s.Id)
                .Select(PublicSignatory.Shown).Take(NamesShown).ToListAsync(cancellationToken);
            return new Result(Verdict.Authentic, edition.Number, edition.SealedAt, edition.OrganisationCount, edition.IndividualCount,
                added.Count, names.Select(n => n.Second is { } second ? $"{n.Headline} ({second})" : n.Headline).ToList(),
                then.Count(id => !now.Contains(id)), now.Count);
        }

        /// <summary>The upload, or null when it is larger than <see cref="MaxBytes"/> (read no further than that).</summary>
        private static async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}

/// <summary>Configuration section <c>Verify:PdfRateLimit</c>.</summary>
public sealed class PdfCheckRateLimitOptions
{
    public const string Section = "Verify:PdfRateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Files checked from one client network (IPv4 /24, IPv6 /56) in any hour, for all letters together.</summary>
    public int PermitPerNetworkPerHour { get; set; } = 20;
}

/// <summary>
/// Bounds the CPU and memory anyone can spend on PDF checks (each reads up to 10 MB and verifies a
/// signature): a sliding window per client network, in memory per instance like the other limits.
/// </summary>
public sealed class PdfCheckRateLimiter(IOptions<PdfCheckRateLimitOptions> options) : IDisposable
{
    private readonly System.Threading.RateLimiting.PartitionedRateLimiter<string> _perNetwork =
        SigningRateLimiter.Window(options.Value.PermitPerNetworkPerHour, TimeSpan.FromHours(1));

    public bool TryAcquire(System.Net.IPAddress? client)
    {
        if (!options.Value.Enabled)
            return true;
        using var lease = _perNetwork.AttemptAcquire(ClientNetwork.LimitKey(client));
        return lease.IsAcquired;
    }

    public void Dispose() => _perNetwork.Dispose();
}
