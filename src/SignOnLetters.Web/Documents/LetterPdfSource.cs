using DocumentKind = SignOnLetters.Web.Documents.LetterKind;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// The final signed letter as PDF, for the download page and for e-mails to addressees (the outbox
/// asks for it when it sends). Cached under a key made of everything that changes it: small letters
/// in memory, made in the request; letters from <see cref="LetterPdfOptions.BackgroundThreshold"/>
/// counted signatories on, on disk, made by the background worker (ADR 0021). Checks no access: callers do.
/// </summary>
public sealed class LetterPdfSource(AppDbContext db, LetterPdfCache cache, LetterPdfFiles files, LetterPdfJobs jobs,
    Microsoft.Extensions.Options.IOptions<LetterPdfOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T,
    Sealing.SealKeys keys, IPublicUrls urls)
{
    /// <summary>The letter with everything its PDF shows, untracked; null when none matches.</summary>
    public Task<Letter?> LoadAsync(System.Linq.Expressions.Expression<Func<Letter, bool>> which, CancellationToken cancellationToken) =>
        db.Letters.AsNoTracking()
            .Include(l => l.LeadOrganisation)
            .Include(l => l.CoAuthors).ThenInclude(c => c.Organisation)
            .Include(l => l.Addressees)
            .Include(l => l.Texts)
            .Include(l => l.Versions).ThenInclude(v => v.Texts)
            .AsSplitQuery()
            .SingleOrDefaultAsync(which, cancellationToken);

    /// <summary>
    /// The PDF as it can be had now: bytes (a small letter, made in this request if need be), a
    /// finished file on disk, or the background job making it (a large letter not ready yet; ADR 0021).
    /// </summary>
    public async Task<LetterPdfOutcome> GetAsync(Letter letter, string? language, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(letter, language, cancellationToken);
        if (plan.Signatories < options.Value.BackgroundThreshold)
        {
            var pdf = await cache.GetOrAddAsync(letter.Id, plan.Language, plan.Key,
                async () =>
                {
                    using var memory = new MemoryStream();
                    var missing = await RenderAsync(letter, plan, progress: null, memory, cancellationToken);
                    return new SignOnLetters.Pdf.Fluent.GeneratedPdf(memory.ToArray(), missing);
                });
            return new LetterPdfOutcome.InMemory(plan.FileName, pdf.Bytes);
        }
        if (files.Find(letter.Id, plan.Language, plan.Key) is { } path)
            return new LetterPdfOutcome.OnDisk(plan.FileName, path);
        return new LetterPdfOutcome.Preparing(plan.FileName, jobs.Enqueue(letter.Id, plan.Language, plan.Key, plan.Signatories));
    }

    /// <summary>
    /// The PDF's bytes, waiting for the background job when it is making them (for delivery, which
    /// must attach the one file everybody downloads, never render a second one). Throws
    /// <see cref="LetterPdfFailedException"/> when the render failed.
    /// </summary>
    public async Task<LetterPdf> WaitForBytesAsync(Letter letter, string? language, CancellationToken cancellationToken)
    {
        // The job renders under the key it finds when it starts; a change since then means one more round.
        for (var round = 1; ; round++)
        {
            switch (await GetAsync(letter, language, cancellationToken))
            {
                case LetterPdfOutcome.InMemory memory:
                    return new LetterPdf(memory.Bytes, memory.FileName);
                case LetterPdfOutcome.OnDisk disk:
                    return new LetterPdf(await File.ReadAllBytesAsync(disk.Path, cancellationToken), disk.FileName);
                case LetterPdfOutcome.Preparing preparing when round <= 3:
                    await preparing.Job.Finished.WaitAsync(cancellationToken);
                    break;
                default:
                    throw new InvalidOperationException("The letter kept changing while its PDF was being prepared.");
            }
        }
    }

    /// <summary>
    /// The background worker's part: renders the job's letter under the key it has now (a letter
    /// changed since the request gets its new key; the old one is simply never stored) and stores the
    /// file; false when that file already exists.
    /// </summary>
    public async Task<bool> RenderToFileAsync(LetterPdfJob job, CancellationToken cancellationToken)
    {
        var letter = await LoadAsync(l => l.Id == job.LetterId, cancellationToken)
            ?? throw new InvalidOperationException($"Letter {job.LetterId} no longer exists.");
        var plan = await PlanAsync(letter, job.Language, cancellationToken);
        if (files.Find(letter.Id, plan.Language, plan.Key) is not null)
            return false;
        IReadOnlyList<SignOnLetters.Pdf.Fluent.MissingScript> missing = [];
        await files.SaveAsync(letter.Id, plan.Language, plan.Key,
            async file => missing = await RenderAsync(letter, plan, job.Reporter, file, cancellationToken));
        cache.RememberMissingScripts(letter.Id, plan.Language, missing);
        return true;
    }

    /// <summary>What a PDF of this letter would be: its cache key, file name and counted signatories, without making it.</summary>
    private async Task<LetterPdfPlan> PlanAsync(Letter letter, string? language, CancellationToken cancellationToken)
    {
        var (text, latest) = TextFor(letter, language);
        // Every saved change to a counted signature (new, changed in any column, removed, or no
        // longer counted) moves the letter's list stamp, one indexed row kept with the tallies: the
        // key no longer counts and sums the letter's rows on every request (0.4 s at 200,000 on PostgreSQL).
        var stamp = await db.SignatureTallies.AsNoTracking()
            .Where(t => t.LetterId == letter.Id && t.Facet == SignatureFacets.ListChanges && t.Key == string.Empty)
            .Select(t => t.Count).SingleOrDefaultAsync(cancellationToken);
        var counted = (await Pages.Letters.SignatureCountQueries.ForLetterAsync(db, letter.Id, cancellationToken)).Total;
        var recordHead = await RecordHeadAsync(letter, cancellationToken);
        // The presentation is in the key too: the change counter moves when it is saved, but the key
        // should not depend on that (a restored or imported letter starts its counter again).
        var key = $"letter-pdf:{letter.Id}:{text.LanguageCode}:{letter.ChangeCount}:{counted}:{stamp}:{recordHead}:{PdfSettingsKey(letter.PdfSettings)}";
        return new LetterPdfPlan(text, latest, key, FileStem(letter, text) + ".pdf", counted, recordHead);
    }

    /// <summary>
    /// Writes the letter's PDF to <paramref name="output"/> (a MemoryStream for a small letter, the
    /// cache's file for a large one: that file is written as it is made, not held in memory) and
    /// returns the scripts it lacked a font for. A sealed edition's output must be readable and seekable.
    /// </summary>
    private async Task<IReadOnlyList<SignOnLetters.Pdf.Fluent.MissingScript>> RenderAsync(Letter letter, LetterPdfPlan plan,
        IProgress<SignOnLetters.Pdf.Fluent.RenderProgress>? progress, Stream output, CancellationToken cancellationToken)
    {
        var signatures = SignaturesOf(letter);
        var (document, counts) = await ComposeAsync(letter, plan, signatures, cancellationToken);
        // Set the file from a fresh call, not inside the completion of the reads: where the database
        // answers asynchronously (PostgreSQL, SQL Server) the rest of this method runs as a continuation
        // of ModelAsync's last query, and that method's state (every row read, in its lists) is only
        // cleared when its completion returns, which would be after the whole render. At 1,000,000
        // signatories that held ~115 MB through the file's last phase: app peak 768-778 MB against
        // 681 MB once yielded (SQLite, whose reads complete synchronously, never held them).
        await Task.Yield();
        var sealedEdition = IsSealedEdition(letter);
        var start = sealedEdition ? output.Position : 0;
        // Once: the composed list (and the rows it was made from) can go before the file's last phase.
        var missing = document.GenerateOnce(output, progress);
        if (!sealedEdition)
            return missing;
        // The sealed file's hash, read back from where it was written (a long letter's from disk).
        output.Position = start;
        var sha256 = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(output, cancellationToken));
        await RecordEditionAsync(letter, plan.Language, sha256, counts, signatures, cancellationToken);
        return missing;
    }

    /// <summary>
    /// The letter's document, sealed when it is a delivered edition, and the counts it shows. Its
    /// own method so that the model (the signatories' rows, an estimated ~150 MB at 1,000,000) is no field of
    /// <see cref="RenderAsync"/>'s state machine: once composed, only the document refers to what
    /// it prints, and <see cref="SignOnLetters.Pdf.Fluent.Document.GenerateOnce"/> lets that go before
    /// the file's last phase.
    /// </summary>
    private async Task<(SignOnLetters.Pdf.Fluent.Document Document, Pages.Letters.SignatureCounts Counts)> ComposeAsync(Letter letter, LetterPdfPlan plan,
        IQueryable<Signature> signatures, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(letter, plan.Text, plan.Latest, signatures, cancellationToken);
        var texts = LetterDocumentTexts.For(T, plan.Language);
        if (IsSealedEdition(letter))
        {
            var issuedAt = new DateTimeOffset(letter.EditionIssuedAt!.Value, TimeSpan.Zero);
            var seal = new Sealing.CadesSeal(keys, issuedAt, SignerName(), string.Format(texts.Culture, T["Seal of edition {0} of this letter"].Value, letter.EditionNumber));
            model = model with { Seal = new LetterSeal(letter.EditionNumber, urls.Absolute($"/letters/{letter.Slug}/verify"), plan.RecordHead, seal) };
        }
        return (LetterDocument.Compose(model, texts), model.Signatories.Counts);
    }

    private IQueryable<Signature> SignaturesOf(Letter letter) => db.Signatures.AsNoTracking().Where(s => s.LetterId == letter.Id);

    /// <param name="Signatories">Counted (approved) signatures: what decides whether it is made in the background.</param>
    private sealed record LetterPdfPlan(LetterText Text, LetterVersion? Latest, string Key, string FileName, int Signatories, string? RecordHead)
    {
        public string Language => Text.LanguageCode;
    }

    /// <summary>
    /// Only what went to the addressees is sealed: a delivered letter's current edition. Drafts and
    /// previews are not, so a sealed file is always one the check can name (ADR 0016).
    /// </summary>
    public static bool IsSealedEdition(Letter letter) =>
        letter.Status == LetterStatus.Delivered && letter.EditionNumber > 0 && letter.EditionIssuedAt is not null;

    /// <summary>
    /// The signatory record's head when the file is made, printed as "Record: …" on the sealed
    /// edition: the list the file shows is the record up to that head, so a reader can check both
    /// (ADR 0015). Part of the cache key, so a new entry makes a new file.
    /// </summary>
    private async Task<string?> RecordHeadAsync(Letter letter, CancellationToken cancellationToken) =>
        IsSealedEdition(letter) ? (await Pages.Record.PublicRecord.HeadAsync(db, letter.Id, cancellationToken)).Head : null;

    private string SignerName() =>
        Uri.TryCreate(urls.Absolute("/"), UriKind.Absolute, out var uri) ? uri.Host : "SignOnLetters";

    /// <summary>
    /// Notes the sealed file's hash and what it counted, once per distinct file (a regeneration of
    /// the same edition gives the same bytes, since the seal's time is the edition's).
    /// </summary>
    private async Task RecordEditionAsync(Letter letter, string language, string sha256, Pages.Letters.SignatureCounts counts,
        IQueryable<Signature> signatures, CancellationToken cancellationToken)
    {
        if (await db.SealedEditions.AnyAsync(e => e.Sha256 == sha256, cancellationToken))
            return;
        var ids = await signatures.Where(s => s.State == SignatureState.Approved).Select(s => s.Id).ToListAsync(cancellationToken);
        var edition = new SealedEdition(letter.Id, letter.EditionNumber, language, sha256, letter.EditionIssuedAt!.Value,
            counts.Organisations, counts.Individuals, ids);
        db.SealedEditions.Add(edition);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request may have recorded the same file first; anything else is a real failure.
            if (!await db.SealedEditions.AsNoTracking().AnyAsync(e => e.Sha256 == sha256, cancellationToken))
                throw;
        }
        finally
        {
            db.Entry(edition).State = EntityState.Detached;
        }
    }

    /// <summary>
    /// The same document as the PDF (same language version, same signatories by the same rule), for
    /// the Word export; the file name without its extension ("slug" or "slug-fr").
    /// </summary>
    public async Task<(LetterDocumentModel Model, LetterDocumentTexts Texts, string FileStem)> ModelAsync(Letter letter, string? language, CancellationToken cancellationToken)
    {
        var (text, latest) = TextFor(letter, language);
        var model = await ModelAsync(letter, text, latest, SignaturesOf(letter), cancellationToken);
        return (model, LetterDocumentTexts.For(T, text.LanguageCode), FileStem(letter, text));
    }

    /// <summary>Drafts preview their working text; published letters print their latest version.</summary>
    private static (LetterText Text, LetterVersion? Latest) TextFor(Letter letter, string? language)
    {
        var latest = letter.Versions.OrderByDescending(v => v.Number).FirstOrDefault();
        var texts = latest?.Texts ?? letter.Texts;
        return (LetterLanguageVersions.ForReader(texts, t => t.LanguageCode, language, letter.PrimaryLanguage), latest);
    }

    /// <summary>Every setting that changes the PDF, as a short stable text (the letterhead's text as a hash).</summary>
    internal static string PdfSettingsKey(LetterPdfSettings settings) => string.Join('/',
        settings.Paper, settings.Grouping, settings.IndividualsCountedOnly, settings.LogoWall, settings.CjkFaces, settings.LatinCommaInArabic,
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{settings.LetterheadAddress}\u0000{settings.ReplyTo}\u0000{settings.Place}")))[..16]);

    /// <summary>The coordinators' choices as the document's options.</summary>
    internal static LetterDocumentOptions OptionsFrom(LetterPdfSettings settings, int listed, DateTime printedAt) => new()
    {
        Columns = listed > 60 ? 3 : 2,
        CreationDate = new DateTimeOffset(printedAt, TimeSpan.Zero),
        PageSize = settings.Paper == PdfPaper.UsLetter ? SignOnLetters.Pdf.Fluent.PageSizes.Letter : SignOnLetters.Pdf.Fluent.PageSizes.A4,
        Grouping = settings.Grouping switch
        {
            PdfSignatoryGrouping.ByCountry => SignatoryGrouping.ByCountry,
            PdfSignatoryGrouping.ByRegion => SignatoryGrouping.ByRegion,
            _ => SignatoryGrouping.None,
        },
        IndividualsCountedOnly = settings.IndividualsCountedOnly,
        CjkFacesBySignerCountry = settings.CjkFaces == PdfCjkFaces.BySignerCountry,
        ArabicComma = !settings.LatinCommaInArabic,
    };

    /// <summary>
    /// Logos of organisations that signed as registered organisations, verified and listed: a logo
    /// beside an unverified signature would lend it the organisation's authority.
    /// </summary>
    private async Task<IReadOnlyList<LetterOrganisation>> LogoWallAsync(IQueryable<Signature> approved, CancellationToken cancellationToken)
    {
        var signed = await approved.Where(PublicSignatory.IsListed)
            .Where(s => s.Kind == SignerKind.Organisation && s.OrganisationId != null)
            .Select(s => new { OrganisationId = s.OrganisationId!.Value, s.Kind, s.Verification })
            .ToListAsync(cancellationToken);
        var ids = signed.Where(s => !OrganisationSignatureVerification.IsUnverified(s.Kind, s.Verification)).Select(s => s.OrganisationId).Distinct().ToList();
        var logos = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id) && o.Logo != null)
            .Select(o => new { o.Name, o.CountryCode, o.Logo!.Png })
            .ToListAsync(cancellationToken);
        return logos.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new LetterOrganisation(o.Name, o.CountryCode, o.Png)).ToList();
    }

    private static string FileStem(Letter letter, LetterText text) =>
        $"{letter.Slug}{(text.LanguageCode == letter.PrimaryLanguage ? string.Empty : "-" + text.LanguageCode)}";

    private async Task<LetterDocumentModel> ModelAsync(Letter letter, LetterText text, LetterVersion? latest,
        IQueryable<Signature> signatures, CancellationToken cancellationToken)
    {
        var approved = signatures.Where(s => s.State == SignatureState.Approved);
        // Who is listed and what of them is shown: the same rule as the public list, the API and the embed.
        // Streamed into the document's own rows, never held as a list of query rows beside them
        // (at 1,000,000 signatories each copy is ~100 MB), with the strings that repeat from row to
        // row (country codes, roles, individuals' organisations) shared instead of one per row.
        bool Late(PublicSignatory s) => letter.DeliveredAt is { } delivered && s.SignedAt > delivered;
        var organisations = new List<OrganisationSignatory>();
        var individuals = new List<IndividualSignatory>();
        var shared = new RepeatedStrings();
        // In signing order within each kind, so the embedded CSV (which keeps the order rows come in) is the same file
        // after file: without an order PostgreSQL hands rows over as it finds them (a row's update moves it, and two
        // renders at once share one sequential scan from different places), and SQLite in the order of whichever index
        // it picks. The public list's index (letter, kind, id; approved rows only) reads them in this order without a sort.
        await foreach (var s in approved.Where(PublicSignatory.IsListed).OrderBy(s => s.Kind).ThenBy(s => s.Id).Select(PublicSignatory.Shown).AsStreamed()
                           .WithCancellation(cancellationToken))
        {
            if (s.Kind == SignerKind.Organisation)
                organisations.Add(new OrganisationSignatory(s.Organisation!, shared.Of(s.CountryCode),
                    s.Name is { } name ? new SignerLine(name, shared.Of(s.Role)) : null, Late(s), s.Unverified));
            else
                individuals.Add(new IndividualSignatory(s.Headline, shared.Of(s.CountryCode), shared.Of(s.Second), Late(s)));
        }
        // Counted by the same rule as every page and the API (named or not, every approved signature).
        var counts = await Pages.Letters.SignatureCountQueries.ForLetterAsync(db, letter.Id, cancellationToken);

        var printedAt = letter.DeliveredAt ?? latest?.PublishedAt ?? letter.UpdatedAt;
        var settings = letter.PdfSettings;
        var model = new LetterDocumentModel
        {
            Title = text.Title,
            Kind = letter.Kind == Domain.Letters.LetterKind.Petition ? DocumentKind.Petition : DocumentKind.Letter,
            LanguageCode = text.LanguageCode,
            DateLine = new LetterDateLine(DateOnly.FromDateTime(printedAt), settings.Place),
            LeadOrganisation = new LetterOrganisation(letter.LeadOrganisation.Name, letter.LeadOrganisation.CountryCode, letter.LeadOrganisation.Logo?.Png),
            Contact = new LetterheadContact(settings.LetterheadAddress, settings.ReplyTo),
            LogoWall = settings.LogoWall ? await LogoWallAsync(approved, cancellationToken) : [],
            CoAuthors = letter.CoAuthors.Where(c => c.IsAccepted).OrderBy(c => c.Position)
                .Select(c => new LetterOrganisation(c.Organisation.Name, c.Organisation.CountryCode, c.Organisation.Logo?.Png)).ToList(),
            Addressees = letter.Addressees.OrderBy(a => a.Position).Select(a => new Documents.LetterAddressee(a.Name, a.Title, a.Institution)).ToList(),
            BodyMarkdown = text.Body,
            Version = new LetterVersionInfo(latest?.Number ?? 0, latest?.ChangeNote),
            Edition = letter.DeliveredAt is { } deliveredAt ? new LetterEdition(new DateTimeOffset(deliveredAt, TimeSpan.Zero)) : null,
            // Counted only: their names stay out of the file altogether, the attached CSV included.
            Signatories = new LetterSignatories(organisations, settings.IndividualsCountedOnly ? [] : individuals, counts),
            Options = OptionsFrom(settings, organisations.Count + (settings.IndividualsCountedOnly ? 0 : individuals.Count), printedAt),
        };
        return model;
    }
}

/// <summary>
/// One copy of each repeated value among a long list's rows (a country code, a role, an
/// organisation many individuals give), up to <see cref="Limit"/> distinct values; past that a
/// value is kept as it came, so a list of all-different values costs no more than before.
/// </summary>
internal sealed class RepeatedStrings
{
    private const int Limit = 50_000;
    private readonly HashSet<string> values = new(StringComparer.Ordinal);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public string? Of(string? value)
    {
        if (value is null)
            return null;
        if (values.TryGetValue(value, out var kept))
            return kept;
        if (values.Count < Limit)
            values.Add(value);
        return value;
    }
}

/// <summary>A letter's PDF in memory, for an e-mail attachment.</summary>
public sealed record LetterPdf(byte[] Bytes, string FileName);

/// <summary>A letter's PDF as it can be had now (see <see cref="LetterPdfSource.GetAsync"/>).</summary>
public abstract record LetterPdfOutcome(string FileName)
{
    public sealed record InMemory(string FileName, byte[] Bytes) : LetterPdfOutcome(FileName);

    public sealed record OnDisk(string FileName, string Path) : LetterPdfOutcome(FileName);

    public sealed record Preparing(string FileName, LetterPdfJob Job) : LetterPdfOutcome(FileName);
}
