using SignOnLetters.Web.Pages.Organisations;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// Co-editors edit a draft: the text in each language, addressees, co-authoring organisations,
/// who may sign, moderation and deadline. Every save is a revision. The form carries the letter's
/// <see cref="Letter.ChangeCount"/> as loaded, so a save over someone else's newer one is refused
/// and shows what they changed.
/// </summary>
[RequestFormLimits(ValueLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class Edit(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    /// <summary>Room for several language versions at the 200 KB limit each.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    [BindProperty]
    public Command Data { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        (Data, Letter) = await mediator.Send(new Query(slug), cancellationToken);
        Data = Data.WithBlankRows();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        (_, Letter) = await mediator.Send(new Query(slug), cancellationToken);
        var revision = await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["Saved as revision {0}.", revision].Value;
        return RedirectToPage("Edit", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<(Command, Model)>, ILetterEditorRequest;

    /// <param name="InvitedCoAuthors">Named but not accepted yet by the organisation: shown to editors only, never publicly.</param>
    public sealed record Model(string Slug, LetterKind Kind, LetterStatus Status, string LeadOrganisation, string Title, LetterRole Role,
        IReadOnlyList<string> InvitedCoAuthors);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, (Command, Model)>
    {
        public async ValueTask<(Command, Model)> Handle(Query query, CancellationToken cancellationToken)
        {
            var (letterId, role) = await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking()
                .Where(l => l.Id == letterId)
                .Select(l => new
                {
                    l.Slug, l.Kind, l.Status, LeadOrganisation = l.LeadOrganisation.Name, l.PrimaryLanguage,
                    l.ChangeCount, l.LatestRevisionNumber, l.WhoMaySign, l.Moderation, l.IndividualsMustGiveOrganisation,
                    l.SignatureGoal, l.DeadlineUtc, l.DeadlineTimeZone,
                    Texts = l.Texts.Select(t => new { t.LanguageCode, t.Title, t.Body }).ToList(),
                    Addressees = l.Addressees.OrderBy(a => a.Position).Select(a => new AddresseeInput { Name = a.Name, Title = a.Title, Institution = a.Institution }).ToList(),
                    CoAuthors = l.CoAuthors.OrderBy(c => c.Position).Select(c => new { c.Organisation.Name, Accepted = c.AcceptedAt != null }).ToList(),
                })
                .SingleAsync(cancellationToken);
            var texts = letter.Texts
                .OrderBy(t => t.LanguageCode == letter.PrimaryLanguage ? 0 : 1).ThenBy(t => t.LanguageCode, StringComparer.Ordinal)
                .Select(t => new TextInput { LanguageCode = t.LanguageCode, Title = t.Title, Body = t.Body })
                .ToArray();
            var deadline = letter.DeadlineUtc is { } utc ? new LetterDeadline(utc, letter.DeadlineTimeZone!) : null;
            var command = new Command
            {
                Slug = letter.Slug,
                ChangeCount = letter.ChangeCount,
                BaseRevision = letter.LatestRevisionNumber,
                Texts = texts,
                Addressees = [.. letter.Addressees],
                CoAuthors = string.Join("\n", letter.CoAuthors.Select(c => c.Name)),
                WhoMaySign = letter.WhoMaySign,
                Moderation = letter.Moderation,
                IndividualsMustGiveOrganisation = letter.IndividualsMustGiveOrganisation,
                SignatureGoal = letter.SignatureGoal?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Deadline = DeadlineInput.ToInputValue(deadline),
                DeadlineTimeZone = letter.DeadlineTimeZone ?? "Europe/Brussels",
            };
            return (command, new Model(letter.Slug, letter.Kind, letter.Status, letter.LeadOrganisation, texts.FirstOrDefault()?.Title ?? "", role,
                letter.CoAuthors.Where(c => !c.Accepted).Select(c => c.Name).ToList()));
        }
    }

    public sealed record Command : ICommand<int>, IDeadlineFields, ILetterEditorRequest
    {
        public const int MaxLanguages = 30;
        public const int MaxAddressees = 50;
        public const int MaxCoAuthors = 50;

        public string Slug { get; init; } = string.Empty;

        /// <summary>The letter's change count when the form was loaded (optimistic concurrency).</summary>
        public int ChangeCount { get; init; }

        /// <summary>The revision the form was loaded from, to show a refused editor what changed since.</summary>
        public int BaseRevision { get; init; }

        public TextInput[] Texts { get; init; } = [];
        public AddresseeInput[] Addressees { get; init; } = [];

        /// <summary>Co-authoring organisations, one registered name per line.</summary>
        public string? CoAuthors { get; init; }

        public WhoMaySign WhoMaySign { get; init; }
        public ModerationMode Moderation { get; init; }
        public bool IndividualsMustGiveOrganisation { get; init; }

        /// <summary>Typed as text so "abc" is an error, not a silently empty goal.</summary>
        public string? SignatureGoal { get; init; }

        public string? Deadline { get; init; }
        public string? DeadlineTimeZone { get; init; }

        /// <summary>Empty slots for a new language and new addressees: the form works without JavaScript.</summary>
        public Command WithBlankRows() => this with
        {
            Texts = [.. Texts, new TextInput()],
            Addressees = [.. Addressees, new AddresseeInput(), new AddresseeInput()],
        };

        public IReadOnlyList<string> CoAuthorNames() =>
            (CoAuthors ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Texts).Must(texts => texts.Any(t => !t.IsBlank)).WithMessage("A letter needs its text in at least one language.")
                .MustNaming(texts => texts.Length <= Command.MaxLanguages, ("Max", _ => Command.MaxLanguages))
                .WithMessage("At most {Max} language versions.");
            RuleForEach(c => c.Texts).SetValidator(new TextInputValidator());
            RuleFor(c => c.Addressees).MustNaming(a => a.Length <= Command.MaxAddressees, ("Max", _ => Command.MaxAddressees)).WithMessage("At most {Max} addressees.");
            RuleForEach(c => c.Addressees).SetValidator(new AddresseeInputValidator());
            RuleFor(c => c.CoAuthorNames()).MustNaming(names => names.Count <= Command.MaxCoAuthors, ("Max", _ => Command.MaxCoAuthors))
                .WithMessage("At most {Max} co-authoring organisations.").OverridePropertyName(nameof(Command.CoAuthors));
            RuleFor(c => c.CoAuthorNames()).MustNaming(names => names.All(n => n.Length <= Organisation.NameMaxLength), ("Max", _ => Organisation.NameMaxLength))
                .WithMessage("An organisation's name has at most {Max} characters.").OverridePropertyName(nameof(Command.CoAuthors));
            RuleFor(c => c.WhoMaySign).IsInEnum().WithMessage("Choose who may sign.");
            RuleFor(c => c.Moderation).IsInEnum().WithMessage("Choose how signatures are moderated.");
            RuleFor(c => c.SignatureGoal)
                .Must(goal => int.TryParse(goal, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100_000_000)
                .WithMessage("The signature goal must be a whole number from 1 to 100,000,000, or empty.")
                .When(c => !string.IsNullOrWhiteSpace(c.SignatureGoal));
            Include(new DeadlineFieldsValidator());
        }
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, CoAuthorshipNotices invitations) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var (letter, _) = await db.LoadForEditorAsync(command.Slug, user, cancellationToken);
            var coAuthorIds = await ResolveCoAuthorsAsync(command.CoAuthorNames(), cancellationToken);
            var userId = user.RequireUserId();
            var coordinated = (await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.Role == OrganisationRole.Coordinator && coAuthorIds.Contains(m.OrganisationId))
                .Select(m => m.OrganisationId).ToListAsync(cancellationToken)).ToHashSet();
            var named = letter.CoAuthors.Select(c => c.OrganisationId).ToHashSet();
            var draft = new LetterDraft(
                TextInput.ToDomain(command.Texts),
                command.Addressees.Where(a => !a.IsBlank).Select((a, i) => new LetterAddressee(i + 1, a.Name ?? "", a.Title, a.Institution)).ToList(),
                coAuthorIds,
                coordinated,
                new LetterSettings(command.WhoMaySign, command.Moderation, command.IndividualsMustGiveOrganisation),
                DeadlineInput.ToDeadline(command),
                string.IsNullOrWhiteSpace(command.SignatureGoal) ? null : int.Parse(command.SignatureGoal, System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveEditAsync(letter, command.ChangeCount, command.BaseRevision,
                () => letter.EditDraft(draft, userId, clock.GetUtcNow().UtcDateTime), cancellationToken);
            await invitations.TellCoordinatorsAsync(letter, letter.CoAuthors.Where(c => !c.IsAccepted && !named.Contains(c.OrganisationId)).Select(c => c.OrganisationId).ToList(), cancellationToken);
            return letter.LatestRevisionNumber;
        }

        /// <summary>Co-authors are registered organisations, matched by name as duplicates are (case, accents, punctuation ignored).</summary>
        private async Task<IReadOnlyList<int>> ResolveCoAuthorsAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
        {
            if (names.Count == 0)
                return [];
            var keys = names.Select(NameNormalizer.Normalize).ToList();
            var found = await db.Organisations.AsNoTracking()
                .Where(o => keys.Contains(o.NormalizedName))
                .Select(o => new { o.Id, o.NormalizedName })
                .ToListAsync(cancellationToken);
            var unknown = names.Where(n => found.All(f => f.NormalizedName != NameNormalizer.Normalize(n))).ToList();
            if (unknown.Count > 0)
                throw new RequestValidationException(typeof(Command), unknown.Select(name => LocalisedFailure.Of(
                    nameof(Command.CoAuthors), "No organisation named \"{0}\" is registered. Check the spelling, or ask them to register first.", name)));
            return keys.Select(k => found.First(f => f.NormalizedName == k).Id).Distinct().ToList();
        }
    }
}
