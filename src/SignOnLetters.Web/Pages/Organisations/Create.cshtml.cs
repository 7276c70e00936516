namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>Create an organisation; its creator becomes its first coordinator.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class Create(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    // Far above the logo limit, so a photo straight from a camera or a scanned page (tens of MB) gets
    // the validator's message on the Logo field, with everything else typed kept; only a body beyond
    // this gets the error page's "too large". The file is buffered on disk while the form is read.
    internal const int MaxRequestBytes = 64 * 1024 * 1024;

    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = await mediator.Send(Data, cancellationToken);
        TempData["Notice"] = T["Organisation created. You are its coordinator."].Value;
        return RedirectToPage("Details", new { id });
    }

    public sealed record Command : ICommand<int>, IOrganisationFields
    {
        public string Name { get; init; } = string.Empty;
        public string CountryCode { get; init; } = string.Empty;
        public string? Website { get; init; }
        public IFormFile? Logo { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => Include(new OrganisationFieldsValidator());
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var logo = OrganisationFieldsValidator.ProcessLogo<Command>(command.Logo);
            var organisation = Organisation.Create(command.Name, command.CountryCode, command.Website, userId, clock.GetUtcNow().UtcDateTime);
            organisation.ReplaceLogo(logo);
            await DuplicateNames.EnsureFreeAsync<Command>(db, organisation.NormalizedName, exceptId: null, cancellationToken);
            db.Organisations.Add(organisation);
            await DuplicateNames.SaveAsync<Command>(db, cancellationToken);
            return organisation.Id;
        }
    }
}

/// <summary>
/// One organisation per name (after case, accents and punctuation are ignored). Checked first for a
/// friendly message; the unique index catches two people creating the same organisation at once.
/// </summary>
internal static class DuplicateNames
{
    private const string Message = "An organisation with this name is already registered. Ask its coordinators to invite you instead.";

    public static async Task EnsureFreeAsync<TCommand>(AppDbContext db, string normalizedName, int? exceptId, CancellationToken cancellationToken)
    {
        if (await db.Organisations.AnyAsync(o => o.NormalizedName == normalizedName && o.Id != exceptId, cancellationToken))
            throw Failure<TCommand>();
    }

    public static async Task SaveAsync<TCommand>(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<Organisation>().Any())
        {
            throw Failure<TCommand>();
        }
    }

    private static RequestValidationException Failure<TCommand>() =>
        new(typeof(TCommand), [Infrastructure.Validation.LocalisedFailure.Of("Name", Message)]);
}
