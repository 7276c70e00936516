using SignOnLetters.Domain.Record;
using SignOnLetters.Web.Infrastructure.Background;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>Configuration section <c>Record</c>.</summary>
public sealed class RecordOptions
{
    public const string Section = "Record";

    /// <summary><c>Record:SelfCheckMinutes</c>: how often every letter's record is recomputed.</summary>
    public int SelfCheckMinutes { get; set; } = 60;
}

/// <summary>
/// Recomputes every published letter's signatory record (<see cref="RecordCheck"/>: the chain, and
/// the record against the signatures as stored now) and alerts the site's administrators through
/// the outbox when it does not verify, e.g. after a row was edited behind the app's back. A letter
/// whose counted signatures predate the record gets its record started first
/// (<see cref="SignatoryRecordAppender.StartAsync"/>). An alert is sent when a letter's problems
/// change, not on every pass; works from the database alone, so several instances may run it.
/// </summary>
public sealed class RecordSelfCheck(IServiceScopeFactory scopes, IOptions<RecordOptions> options, TimeProvider clock, ILogger<RecordSelfCheck> logger)
    : PeriodicJob(clock, logger)
{
    private readonly Dictionary<int, string> _alerted = [];

    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.Value.SelfCheckMinutes));

    protected override string Description => "Recomputing the signatory records";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

    public sealed record Finding(int LetterId, string Slug, IReadOnlyList<string> Problems);

    /// <summary>One pass: the letters whose record does not verify (the administrators are told of new findings).</summary>
    public async Task<IReadOnlyList<Finding>> CheckAsync(CancellationToken cancellationToken)
    {
        List<(int Id, string Slug)> letters;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            letters = (await db.Letters.AsNoTracking().Where(l => l.LatestVersionNumber > 0).OrderBy(l => l.Id)
                .Select(l => new { l.Id, l.Slug }).ToListAsync(cancellationToken)).Select(l => (l.Id, l.Slug)).ToList();
        }
        var findings = new List<Finding>();
        foreach (var (id, slug) in letters)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var started = await SignatoryRecordAppender.StartAsync(db, id, cancellationToken);
            if (started > 0)
                logger.LogInformation("Started the signatory record of letter {LetterId} with its {Count} counted signatures.", id, started);
            var problems = await ProblemsAsync(db, id, cancellationToken);
            lock (_alerted)
            {
                if (problems.Count == 0)
                {
                    _alerted.Remove(id);
                    continue;
                }
            }
            findings.Add(new Finding(id, slug, problems));
            logger.LogError("The signatory record of letter {LetterId} does not verify: {Problems}", id, string.Join(" ", problems));
            var key = string.Join("\n", problems);
            lock (_alerted)
            {
                if (_alerted.TryGetValue(id, out var told) && told == key)
                    continue;
                _alerted[id] = key;
            }
            await AlertAsync(scope.ServiceProvider, db, slug, problems, cancellationToken);
        }
        return findings;
    }

    private static async Task<List<string>> ProblemsAsync(AppDbContext db, int letterId, CancellationToken cancellationToken)
    {
        var entries = await db.RecordEntries.AsNoTracking().Where(e => e.LetterId == letterId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => s.LetterId == letterId && (s.State == SignatureState.Approved || db.RecordEntries.Any(e => e.SignatureId == s.Id)))
            .Select(s => new { s.Id, s.State, s.Kind, s.Visibility, s.SignerName, s.Role, s.OrganisationName, s.CountryCode, s.Verification, s.RecordSalt })
            .ToListAsync(cancellationToken);
        var live = signatures.Select(s => new RecordCheck.LiveSignature(s.Id,
            RecordSubject.Of(s.State, s.Kind, s.Visibility, s.SignerName, s.Role, s.OrganisationName, s.CountryCode, s.Verification), s.RecordSalt));
        return [.. RecordCheck.Chain(entries), .. RecordCheck.AgainstSignatures(entries, live)];
    }

    private static async Task AlertAsync(IServiceProvider services, AppDbContext db, string slug, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var administrators = await (from userRole in db.UserRoles
                                    join role in db.Roles on userRole.RoleId equals role.Id
                                    join user in db.Users on userRole.UserId equals user.Id
                                    where role.Name == Roles.Administrator && user.Email != null
                                    select user.Email).ToListAsync(cancellationToken);
        if (administrators.Count == 0)
            return;
        var T = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var urls = services.GetRequiredService<IPublicUrls>();
        var mail = services.GetRequiredKeyedService<IEmailQueue>(EmailKind.Record);
        var body = EmailHtml.Paragraph(T["The signatory record of the letter {0} does not verify: it was changed outside the app, or the database is damaged. Restore it from a backup or investigate before anyone relies on it."],
                       EmailHtml.Strong(slug))
                   + "<ul>" + string.Concat(problems.Select(p => $"<li>{EmailHtml.Encode(p)}</li>")) + "</ul>"
                   + EmailHtml.LinkParagraph(urls.Absolute($"/letters/{slug}/verify"), T["Check the signatory record"]);
        foreach (var administrator in administrators)
            mail.Enqueue(new EmailMessage(administrator!, T["The signatory record of {0} does not verify", slug], body));
        await db.SaveChangesAsync(cancellationToken);
    }
}
