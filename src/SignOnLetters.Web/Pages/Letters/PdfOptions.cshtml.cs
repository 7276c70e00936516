namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>/letters/{slug}/pdf/options</c>: how the letter's PDF is presented (paper, grouping of the
/// signatories, individuals named or counted, the signing organisations' logos, the letterforms of
/// Han names, the Arabic comma, the letterhead's address and reply-to contact), remembered with the
/// letter. For the lead organisation's coordinators, like the letter's other settings; others get
/// 403, strangers 404. Saving bumps the letter's change counter, so the next PDF is a new one.
/// </summary>
[RequestFormLimits(ValueLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class PdfOptions(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int MaxRequestBytes = 16 * 1024;

    [BindProperty]
    public Save Data { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        Data = Save.From(Letter.Settings, Letter.ChangeCount);
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        // An unknown choice ("Paper=Tabloid") fails binding: say so and keep what was typed.
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, T["Choose one of the options offered."]);
            return Page();
        }
        await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["The PDF options are saved."].Value;
        return RedirectToPage("PdfOptions", new { slug });
    }

    public sealed record Model(string Slug, string Title, LetterStatus Status, int ChangeCount, LetterPdfSettings Settings, IReadOnlyList<string> Languages)
    {
        /// <summary>A delivered letter's PDF is the sealed file its addressees received: shown, not changed.</summary>
        public bool CanChange => Status is not (LetterStatus.Delivered or LetterStatus.Archived);
    }

    public sealed record Query(string Slug) : IQuery<Model>;

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking().Include(l => l.Texts).Include(l => l.Versions).ThenInclude(v => v.Texts)
                .AsSplitQuery().SingleAsync(l => l.Id == letterId, cancellationToken);
            var texts = letter.Versions.OrderByDescending(v => v.Number).FirstOrDefault()?.Texts ?? letter.Texts;
            var title = LetterLanguageVersions.ForReader(texts, t => t.LanguageCode, null, letter.PrimaryLanguage).Title;
            var languages = texts.Select(t => t.LanguageCode).OrderBy(code => code == letter.PrimaryLanguage ? 0 : 1).ThenBy(code => code, StringComparer.Ordinal).ToList();
            return new Model(letter.Slug, title, letter.Status, letter.ChangeCount, letter.PdfSettings, languages);
        }
    }

    /// <param name="ChangeCount">The letter's change count when the form was shown: a letter changed meanwhile is not overwritten unseen.</param>
    public sealed record Save : ICommand, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public int ChangeCount { get; init; }
        public PdfPaper Paper { get; init; }
        public PdfSignatoryGrouping Grouping { get; init; }
        public bool IndividualsCountedOnly { get; init; }
        public bool LogoWall { get; init; }
        public PdfCjkFaces CjkFaces { get; init; }
        public bool ArabicComma { get; init; }
        public string? LetterheadAddress { get; init; }
        public string? ReplyTo { get; init; }
        public string? Place { get; init; }

        public static Save From(LetterPdfSettings settings, int changeCount) => new()
        {
            ChangeCount = changeCount,
            Paper = settings.Paper,
            Grouping = settings.Grouping,
            IndividualsCountedOnly = settings.IndividualsCountedOnly,
            LogoWall = settings.LogoWall,
            CjkFaces = settings.CjkFaces,
            ArabicComma = !settings.LatinCommaInArabic,
            LetterheadAddress = settings.LetterheadAddress,
            ReplyTo = settings.ReplyTo,
            Place = settings.Place,
        };

        public LetterPdfSettings Settings() => new()
        {
            Paper = Paper,
            Grouping = Grouping,
            IndividualsCountedOnly = IndividualsCountedOnly,
            LogoWall = LogoWall,
            CjkFaces = CjkFaces,
            LatinCommaInArabic = !ArabicComma,
            LetterheadAddress = LetterheadAddress,
            ReplyTo = ReplyTo,
            Place = Place,
        };
    }

    public sealed class SaveHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Save>
    {
        public async ValueTask<Unit> Handle(Save command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            if (letter.ChangeCount != command.ChangeCount)
                throw new Domain.DomainRuleException("Someone else changed this at the same moment. Reload the page to see their change, then try again.");
            letter.SetPdfSettings(command.Settings(), user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
