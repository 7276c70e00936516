using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LinqKit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Domain.Osdi;
using SignOnLetters.Domain.Record;
using SignOnLetters.Web.Api.Osdi;
using SignOnLetters.Web.Infrastructure.Outbox;

namespace SignOnLetters.Web.Infrastructure.Webhooks;

/// <summary>
/// Queues webhook deliveries in the same SaveChanges, so the same transaction, as the change they
/// announce (a change that is not saved announces nothing; a saved one is never lost). One hook for
/// every path, as the signatory record has (ADR 0015):
/// <list type="bullet">
/// <item>signature events come from the record's entries added by this save: "counted" is
/// <see cref="WebhookEventTypes.SignatureConfirmed"/>, an entry that takes a signature off the count
/// (withdrawn, erased, rejected, merged) is <see cref="WebhookEventTypes.SignatureWithdrawn"/>. So a
/// webhook says exactly what the public list and record say, when they say it; a signature held for
/// review or counted without a line is never named;</item>
/// <item>letter events from the letter's status moving to Open, Closed or Delivered;</item>
/// <item>imported signatures, counted at once, are announced by one
/// <see cref="WebhookEventTypes.SignaturesImported"/> per stored batch (its count and the range of
/// record sequences, the OSDI identifiers), not one event per row: a million-row import would
/// otherwise queue a million deliveries per webhook and flood the receiver, which can read the
/// signatures themselves from the API. The import's row insert bypasses SaveChanges and queues the
/// event through <see cref="QueueImportedAsync"/> in its batch's transaction.</item>
/// </list>
/// Each event goes to the active webhooks of the letter's lead organisation and accepted co-authors,
/// one outbox row per webhook with one event id. A save with no such change costs no query.
/// </summary>
public sealed class WebhookEvents(TimeProvider clock, PublicBaseUrl publicBase, OutboxSender sender) : SaveChangesInterceptor
{
    private static readonly Func<Signature, PublicSignatory> Shown = PublicSignatory.Shown.Compile();

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    private readonly ConditionalWeakTable<DbContext, object> _queued = new();

    private OsdiLinks Links => new(path => (publicBase.Configured is { } configured ? configured.GetLeftPart(UriPartial.Authority) + configured.AbsolutePath.TrimEnd('/') : "http://localhost") + path);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        QueueAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await QueueAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeSender(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeSender(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void WakeSender(DbContext? context)
    {
        if (context is not null && _queued.TryGetValue(context, out _))
        {
            _queued.Remove(context);
            sender.Wake();
        }
    }

    private sealed record Event(int LetterId, string Type, RecordEntry? Entry, LetterStatus? Status, WebhookImported? Imported = null);

    /// <summary>
    /// For the import's row insert, inside its batch's transaction: one "signatures imported" event
    /// per letter for the batch's counted entries, saved (so queued in that transaction).
    /// </summary>
    public async Task QueueImportedAsync(AppDbContext db, IReadOnlyList<RecordEntry> counted, CancellationToken cancellationToken)
    {
        if (await AddAsync(db, Imported(counted), cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
    }

    private static IEnumerable<Event> Imported(IEnumerable<RecordEntry> counted) =>
        counted.GroupBy(e => e.LetterId).Select(letter => new Event(letter.Key, WebhookEventTypes.SignaturesImported, null, null,
            new WebhookImported(letter.Count(), letter.Min(e => e.Sequence), letter.Max(e => e.Sequence))));

    private async Task QueueAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not AppDbContext db)
            return;
        var events = new List<Event>();
        var imported = new List<RecordEntry>();
        foreach (var entry in db.ChangeTracker.Entries<RecordEntry>())
        {
            if (entry.State != EntityState.Added || entry.Entity.LetterId == 0)
                continue;
            var record = entry.Entity;
            if (record is { Event: RecordEvent.Counted, Signature.Source: SignatureSource.Imported })
                imported.Add(record);
            else if (record.Event == RecordEvent.Counted)
                events.Add(new Event(record.LetterId, WebhookEventTypes.SignatureConfirmed, record, null));
            else if (record.Subject is null)
                events.Add(new Event(record.LetterId, WebhookEventTypes.SignatureWithdrawn, record, null));
        }
        foreach (var entry in db.ChangeTracker.Entries<Letter>())
        {
            if (entry.State != EntityState.Modified)
                continue;
            var before = entry.OriginalValues.GetValue<LetterStatus>(nameof(Letter.Status));
            var after = entry.Entity.Status;
            var type = before == after ? null : after switch
            {
                LetterStatus.Open => WebhookEventTypes.LetterOpened,
                LetterStatus.Closed => WebhookEventTypes.LetterClosed,
                LetterStatus.Delivered => WebhookEventTypes.LetterDelivered,
                _ => null,
            };
            if (type is not null)
                events.Add(new Event(entry.Entity.Id, type, null, after));
        }
        events.AddRange(Imported(imported));
        await AddAsync(db, events, cancellationToken);
    }

    /// <summary>One outbox row per event and webhook of the event's letter; whether any was added.</summary>
    private async Task<bool> AddAsync(AppDbContext db, IEnumerable<Event> events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var links = Links;
        var queued = false;
        foreach (var letterEvents in events.GroupBy(e => e.LetterId))
        {
            var letterId = letterEvents.Key;
            var webhooks = await db.OrganisationWebhooks.AsNoTracking()
                .Where(w => w.RemovedAt == null
                            && db.Letters.Any(l => l.Id == letterId && (l.LeadOrganisationId == w.OrganisationId
                                                   || l.CoAuthors.Any(c => c.OrganisationId == w.OrganisationId && c.AcceptedAt != null))))
                .Select(w => w.Id).ToListAsync(cancellationToken);
            if (webhooks.Count == 0)
                continue;
            var letter = await db.Letters.AsNoTracking().AsExpandable().Where(l => l.Id == letterId)
                .Select(l => new { l.Slug, Title = PrimaryTitle.Of.Invoke(l), l.Status }).SingleAsync(cancellationToken);
            foreach (var e in letterEvents)
            {
                var eventId = Guid.NewGuid();
                var petition = new WebhookPetition([OsdiDocuments.PetitionIdentifier(letter.Slug)], letter.Title ?? letter.Slug, links.Browser(letter.Slug),
                    (e.Status ?? letter.Status).ToString().ToLowerInvariant(), new WebhookPetitionLinks(new Link(links.Petition(letter.Slug))));
                var signature = e.Entry is { } record ? await SignatureAsync(db, letter.Slug, record, links, cancellationToken) : null;
                var payload = JsonSerializer.Serialize(new WebhookPayload(eventId, e.Type, now, petition, signature, e.Imported), Json);
                foreach (var webhookId in webhooks)
                    db.OutboxMessages.Add(OutboxMessage.ForWebhook(webhookId, eventId, e.Type, payload, now));
                queued = true;
            }
        }
        if (queued)
            _queued.AddOrUpdate(db, new object());
        return queued;
    }

    /// <summary>
    /// The signature as the API shows it: identified by the entry where it entered the record, named
    /// only when it enters or stays on the public list with a line (<see cref="PublicSignatory"/>).
    /// </summary>
    private static async Task<SignatureDocument> SignatureAsync(AppDbContext db, string slug, RecordEntry record, OsdiLinks links, CancellationToken cancellationToken)
    {
        var first = record.Of is null
            ? (record.Sequence, record.At)
            : await db.RecordEntries.AsNoTracking().Where(x => x.LetterId == record.LetterId && x.SignatureId == record.SignatureId && x.Of == null)
                .Select(x => new ValueTuple<int, string>(x.Sequence, x.At)).FirstAsync(cancellationToken);
        var signature = record.Signature;
        var shown = record.Event == RecordEvent.Counted && record.Listed && signature is not null && signature.State == SignatureState.Approved
            ? Shown(signature)
            : null;
        return OsdiSignatures.Document(slug, first.Item1, OsdiDocuments.Day(first.Item2), OsdiDocuments.Day(record.At), shown, links);
    }
}

/// <summary>
/// What a webhook receives (a contract: add fields, never rename them). <c>id</c> is the event's id,
/// the same in every attempt and in the <c>X-SignOnLetters-Event-Id</c> header: a receiver that has
/// seen it drops the repeat.
/// </summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("created_date")] DateTime CreatedDate,
    [property: JsonPropertyName("petition")] WebhookPetition Petition,
    [property: JsonPropertyName("signature")] SignatureDocument? Signature,
    [property: JsonPropertyName("signonletters:imported")] WebhookImported? Imported = null);

/// <summary>
/// A batch of imported signatures: how many, and the first and last of their OSDI identifiers'
/// sequence numbers (<c>signonletters:{slug}/{sequence}</c>; other rows' entries may fall between).
/// </summary>
public sealed record WebhookImported(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("first_sequence")] int FirstSequence,
    [property: JsonPropertyName("last_sequence")] int LastSequence);

public sealed record WebhookPetition(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("browser_url")] string BrowserUrl,
    [property: JsonPropertyName("signonletters:status")] string Status,
    [property: JsonPropertyName("_links")] WebhookPetitionLinks Links);

public sealed record WebhookPetitionLinks([property: JsonPropertyName("self")] Link Self);
