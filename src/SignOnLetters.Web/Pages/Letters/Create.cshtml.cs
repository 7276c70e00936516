using SignOnLetters.Web.Pages.Organisations;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// A coordinator starts a draft for one of their organisations: kind, language, title and its web
/// address; or, from <c>/letters/new?from={slug}</c>, a draft that starts from an earlier letter they
/// edit (see <see cref="LetterTemplate"/> for what is copied).
/// </summary>
public class Create(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public Model Options { get; private set; } = new([], null);

    public async Task OnGetAsync(string? from, CancellationToken cancellationToken)
    {
        Options = await mediator.Send(new Query(from), cancellationToken);
        if (Options.Template is { } template)
            Data = Data with { Kind = template.Kind, LanguageCode = template.Language, Title = template.Title, FromSlug = template.Slug };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Options = await mediator.Send(new Query(Data.FromSlug), cancellationToken);
        var slug = await mediator.Send(Data, cancellationToken);
        TempData["Notice"] = (Data.FromSlug is null
            ? T["Draft created. Add the text, addressees and settings."]
            : T["Draft created from the earlier letter. Check the text, the addressees and the settings."]).Value;
        return RedirectToPage("Edit", new { slug });
    }

    /// <param name="From">The slug of a letter to start from; a letter the person does not edit is not found.</param>
    public sealed record Query(string? From = null) : IQuery<Model>;

    public sealed record Model(IReadOnlyList<LeadOption> Organisations, Template? Template);

    public sealed record LeadOption(int Id, string Name);

    /// <summary>The letter a draft starts from, as the form summarises it.</summary>
    public sealed record Template(string Slug, string Title, LetterKind Kind, string Language, int Languages, int Addressees, int CoAuthors);

    /// <summary>Only organisations the person coordinates can lead a letter.</summary>
    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var organisations = await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.Role == OrganisationRole.Coordinator)
                .OrderBy(m => m.Organisation.Name)
                .Select(m => new LeadOption(m.OrganisationId, m.Organisation.Name))
                .ToListAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(query.From))
                return new Model(organisations, null);
            var (source, _) = await db.LoadForEditorAsync(query.From, user, cancellationToken);
            return new Model(organisations, new Template(source.Slug, PrimaryTitle.In(source), source.Kind, source.PrimaryLanguage,
                source.Texts.Count, source.Addressees.Count, source.CoAuthors.Count));
        }
    }

    public sealed record Command : ICommand<string>
    {
        public LetterKind Kind { get; init; } = LetterKind.SignOnLetter;
        public int LeadOrganisationId { get; init; }
        public string LanguageCode { get; init; } = "en";
        public string Title { get; init; } = string.Empty;

        /// <summary>Optional; made from the title when left empty.</summary>
        public string? Slug { get; init; }

        /// <summary>The earlier letter this draft starts from, if any.</summary>
        public string? FromSlug { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a sign-on letter or a petition.");
            RuleFor(c => c.LeadOrganisationId).GreaterThan(0).WithMessage("Choose the organisation that leads the letter.");
            RuleFor(c => c.LanguageCode).Must(code => LanguageCodes.Normalize(code) is not null)
                .WithMessage("That is not a language code we know. Use one like en, fr, es, ru or pt-BR.");
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the letter a title.").CleanText(LetterText.TitleMaxLength).WithName("Title");
            RuleFor(c => c.Slug).Must(LetterSlug.IsWellFormed).WithMessage(LetterSlug.Rule).When(c => !string.IsNullOrWhiteSpace(c.Slug));
        }
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, CoAuthorshipNotices invitations) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForCoordinatorAsync(command.LeadOrganisationId, user, cancellationToken);
            var slug = string.IsNullOrWhiteSpace(command.Slug)
                ? await FreeSlugAsync(LetterSlug.FromTitle(command.Title) ?? (command.Kind == LetterKind.Petition ? "petition" : "letter"), cancellationToken)
                : command.Slug.Trim();
            if (await db.Letters.AnyAsync(l => l.Slug == slug, cancellationToken))
                throw SlugTaken(slug);
            var now = clock.GetUtcNow().UtcDateTime;
            var userId = user.RequireUserId();
            var first = new LetterText(command.LanguageCode, command.Title, "");
            var letter = Letter.CreateDraft(command.Kind, slug, organisation, first, userId, now);
            if (!string.IsNullOrWhiteSpace(command.FromSlug))
            {
                var (source, _) = await db.LoadForEditorAsync(command.FromSlug, user, cancellationToken);
                var coAuthorIds = source.CoAuthors.Select(c => c.OrganisationId).ToList();
                var coordinated = (await db.OrganisationMemberships.AsNoTracking()
                    .Where(m => m.UserId == userId && m.Role == OrganisationRole.Coordinator && coAuthorIds.Contains(m.OrganisationId))
                    .Select(m => m.OrganisationId).ToListAsync(cancellationToken)).ToHashSet();
                letter.EditDraft(LetterTemplate.DraftFrom(source, first, organisation.Id, coordinated), userId, now);
            }
            db.Letters.Add(letter);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone took the same address a moment ago: the unique index refused the second.
                if (await SlugExistsAsync(slug))
                    throw SlugTaken(slug);
                throw;
            }
            await invitations.TellCoordinatorsAsync(letter, letter.CoAuthors.Where(c => !c.IsAccepted).Select(c => c.OrganisationId).ToList(), cancellationToken);
            return slug;
        }

        /// <summary>"end-the-war", else "end-the-war-2", "end-the-war-3"...</summary>
        private async Task<string> FreeSlugAsync(string baseSlug, CancellationToken cancellationToken)
        {
            var prefix = baseSlug + "-";
            var taken = await db.Letters.Where(l => l.Slug == baseSlug || l.Slug.StartsWith(prefix)).Select(l => l.Slug).ToListAsync(cancellationToken);
            if (!taken.Contains(baseSlug))
                return baseSlug;
            var number = 2;
            while (taken.Contains($"{baseSlug}-{number}"))
                number++;
            return $"{baseSlug}-{number}";
        }

        private async Task<bool> SlugExistsAsync(string slug)
        {
            db.ChangeTracker.Clear();
            return await db.Letters.AnyAsync(l => l.Slug == slug);
        }

        private static RequestValidationException SlugTaken(string slug) =>
            new(typeof(Command), [LocalisedFailure.Of(nameof(Command.Slug), "The address /letters/{0} is already taken. Choose another.", slug)]);
    }
}
