using SignOnLetters.Domain.Mailings;
using SignOnLetters.Domain.Osdi;
using SignOnLetters.Web.Api.Osdi;
using SignOnLetters.Web.Infrastructure.Webhooks;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// <c>/organisations/{id}/api</c>: the organisation's coordinators give partner systems read access
/// to its letters through the OSDI API (keys) and tell them of events (webhooks), and see each
/// webhook's recent deliveries. A key's or a webhook's secret is shown once, on the answer to the
/// form that made it, and never again (only a hash, or an encrypted copy, is kept).
/// </summary>
public class Api(IMediator mediator, IStringLocalizer<SharedResource> T) : OrganisationPage<Api.Model>(mediator)
{
    /// <summary>Shown once, right after it was made.</summary>
    public string? NewSecret { get; private set; }

    public string? NewSecretLabel { get; private set; }

    [BindProperty]
    public CreateKey KeyForm { get; set; } = new();

    [BindProperty]
    public AddWebhook WebhookForm { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await Mediator.Send(new Query(id), cancellationToken);

    public async Task<IActionResult> OnPostCreateKeyAsync(int id, CancellationToken cancellationToken)
    {
        NewSecret = await Mediator.Send(KeyForm with { OrganisationId = id }, cancellationToken);
        NewSecretLabel = T["The API key for {0}", KeyForm.Name.Trim()];
        KeyForm = new();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(int id, int keyId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new RevokeKey(id, keyId), cancellationToken);
        TempData["Notice"] = T["The key was revoked: it no longer opens anything."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(int id, CancellationToken cancellationToken)
    {
        NewSecret = await Mediator.Send(WebhookForm with { OrganisationId = id }, cancellationToken);
        NewSecretLabel = T["The signing secret of {0}", WebhookForm.Url.Trim()];
        WebhookForm = new();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveWebhookAsync(int id, int webhookId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new RemoveWebhook(id, webhookId), cancellationToken);
        TempData["Notice"] = T["The webhook was removed: it receives nothing more."].Value;
        return RedirectToPage(new { id });
    }

    protected override IQuery<Model> Load(int organisationId) => new Query(organisationId);

    public sealed record Query(int OrganisationId) : IQuery<Model>, IOrganisationCoordinatorRequest;

    public sealed record Model(int Id, string Name, string EntryPoint, IReadOnlyList<Key> Keys, IReadOnlyList<Webhook> Webhooks, IReadOnlyList<Delivery> Deliveries);

    public sealed record Key(int Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed record Webhook(int Id, string Url, DateTime CreatedAt, DateTime? RemovedAt);

    /// <param name="Attempts">Attempts so far; <paramref name="NextAttemptAt"/> is the next one while the state is Pending.</param>
    public sealed record Delivery(long Id, string Url, string EventType, Guid? EventId, OutboxState State, int Attempts, string? LastError,
        DateTime CreatedAt, DateTime? SentAt, DateTime NextAttemptAt);

    /// <summary>Deliveries shown: the latest of every webhook of the organisation.</summary>
    public const int DeliveriesShown = 30;

    public sealed class QueryHandler(AppDbContext db, IPublicUrls urls) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Organisations.AsNoTracking().Where(o => o.Id == query.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var keys = await db.OrganisationApiKeys.AsNoTracking().Where(k => k.OrganisationId == query.OrganisationId)
                .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id)
                .Select(k => new Key(k.Id, k.Name, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToListAsync(cancellationToken);
            var webhooks = await db.OrganisationWebhooks.AsNoTracking().Where(w => w.OrganisationId == query.OrganisationId)
                .OrderBy(w => w.RemovedAt != null).ThenByDescending(w => w.Id)
                .Select(w => new Webhook(w.Id, w.Url, w.CreatedAt, w.RemovedAt)).ToListAsync(cancellationToken);
            var deliveries = await (from m in db.OutboxMessages.AsNoTracking()
                                    join w in db.OrganisationWebhooks.AsNoTracking() on m.WebhookId equals w.Id
                                    where w.OrganisationId == query.OrganisationId
                                    orderby m.Id descending
                                    select new Delivery(m.Id, w.Url, m.Subject, m.EventId, m.State, m.Attempts, m.LastError, m.CreatedAt, m.SentAt, m.NextAttemptAt))
                .Take(DeliveriesShown).ToListAsync(cancellationToken);
            return new Model(query.OrganisationId, name, urls.Absolute(OsdiLinks.Root), keys, webhooks, deliveries);
        }
    }

    /// <summary>Makes a key; answers it (<c>sol_{id}_{secret}</c>), to be shown once.</summary>
    public sealed record CreateKey : ICommand<string>, IOrganisationCoordinatorRequest
    {
        public int OrganisationId { get; init; }
        public string Name { get; init; } = string.Empty;
    }

    public sealed class CreateKeyValidator : AbstractValidator<CreateKey>
    {
        public CreateKeyValidator() => RuleFor(c => c.Name).NotEmpty().CleanText(OrganisationApiKey.NameMaxLength).WithName("Name");
    }

    public sealed class CreateKeyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<CreateKey, string>
    {
        public async ValueTask<string> Handle(CreateKey command, CancellationToken cancellationToken)
        {
            var (secret, hash) = OsdiApiKeys.NewSecret();
            var key = OrganisationApiKey.Create(command.OrganisationId, command.Name, hash, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            db.OrganisationApiKeys.Add(key);
            await db.SaveChangesAsync(cancellationToken);
            return OsdiApiKeys.Format(key.Id, secret);
        }
    }

    public sealed record RevokeKey(int OrganisationId, int KeyId) : ICommand, IOrganisationCoordinatorRequest;

    public sealed class RevokeKeyValidator : AbstractValidator<RevokeKey>
    {
        public RevokeKeyValidator() => RuleFor(c => c.KeyId).GreaterThan(0).WithMessage("Choose a key.");
    }

    public sealed class RevokeKeyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RevokeKey>
    {
        public async ValueTask<Unit> Handle(RevokeKey command, CancellationToken cancellationToken)
        {
            var key = await db.OrganisationApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId && k.OrganisationId == command.OrganisationId, cancellationToken)
                      ?? throw new NotFoundException("The key");
            key.Revoke(user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Registers a webhook; answers its signing secret, to be shown once.</summary>
    public sealed record AddWebhook : ICommand<string>, IOrganisationCoordinatorRequest
    {
        public int OrganisationId { get; init; }
        public string Url { get; init; } = string.Empty;
    }

    public sealed class AddWebhookValidator : AbstractValidator<AddWebhook>
    {
        public AddWebhookValidator(IOptions<WebhookOptions> options) =>
            RuleFor(c => c.Url).Must(url => WebhookAddress.Problem(url, options.Value.AllowLoopbackHttp) is null)
                .WithMessage(c => WebhookAddress.Problem(c.Url, options.Value.AllowLoopbackHttp)!).WithName("Address");
    }

    public sealed class AddWebhookHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, WebhookSecrets secrets) : ICommandHandler<AddWebhook, string>
    {
        /// <summary>Enough for a CRM and a spare; more is a sign of something wrong.</summary>
        public const int MaxActive = 10;

        public async ValueTask<string> Handle(AddWebhook command, CancellationToken cancellationToken)
        {
            if (await db.OrganisationWebhooks.CountAsync(w => w.OrganisationId == command.OrganisationId && w.RemovedAt == null, cancellationToken) >= MaxActive)
                throw new DomainRuleException("An organisation may have at most 10 webhooks. Remove one first.");
            var (secret, protectedSecret) = secrets.Create();
            db.OrganisationWebhooks.Add(OrganisationWebhook.Create(command.OrganisationId, new Uri(command.Url.Trim()).AbsoluteUri, protectedSecret,
                user.RequireUserId(), clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }
    }

    public sealed record RemoveWebhook(int OrganisationId, int WebhookId) : ICommand, IOrganisationCoordinatorRequest;

    public sealed class RemoveWebhookValidator : AbstractValidator<RemoveWebhook>
    {
        public RemoveWebhookValidator() => RuleFor(c => c.WebhookId).GreaterThan(0).WithMessage("Choose a webhook.");
    }

    public sealed class RemoveWebhookHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<RemoveWebhook>
    {
        public async ValueTask<Unit> Handle(RemoveWebhook command, CancellationToken cancellationToken)
        {
            var webhook = await db.OrganisationWebhooks.SingleOrDefaultAsync(w => w.Id == command.WebhookId && w.OrganisationId == command.OrganisationId, cancellationToken)
                          ?? throw new NotFoundException("The webhook");
            webhook.Remove(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
