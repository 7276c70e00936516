namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>Coordinators change the organisation's public details and logo.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = Create.MaxRequestBytes)]
[RequestSizeLimit(Create.MaxRequestBytes)]
public class Edit(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public bool HasLogo { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) =>
        (Data, HasLogo) = await mediator.Send(new Query(id), cancellationToken);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Data = Data with { Id = id };
        await mediator.Send(Data, cancellationToken);
        TempData["Notice"] = T["Details saved."].Value;
        return RedirectToPage("Details", new { id });
    }

    public sealed record Query(int Id) : IQuery<(Command, bool HasLogo)>, IOrganisationCoordinatorRequest
    {
        int IOrganisationCoordinatorRequest.OrganisationId => Id;
    }

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, (Command, bool HasLogo)>
    {
        public async ValueTask<(Command, bool HasLogo)> Handle(Query query, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForCoordinatorAsync(query.Id, user, cancellationToken);
            return (new Command { Id = organisation.Id, Name = organisation.Name, CountryCode = organisation.CountryCode, Website = organisation.Website },
                organisation.Logo is not null);
        }
    }

    public sealed record Command : ICommand, IOrganisationFields, IOrganisationCoordinatorRequest
    {
        public int Id { get; init; }
        int IOrganisationCoordinatorRequest.OrganisationId => Id;
        public string Name { get; init; } = string.Empty;
        public string CountryCode { get; init; } = string.Empty;
        public string? Website { get; init; }
        public IFormFile? Logo { get; init; }
        public bool RemoveLogo { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => Include(new OrganisationFieldsValidator());
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForCoordinatorAsync(command.Id, user, cancellationToken);
            var logo = OrganisationFieldsValidator.ProcessLogo<Command>(command.Logo);
            organisation.Update(command.Name, command.CountryCode, command.Website);
            if (logo is not null)
                organisation.ReplaceLogo(logo);
            else if (command.RemoveLogo)
                organisation.ReplaceLogo(null);
            await DuplicateNames.EnsureFreeAsync<Command>(db, organisation.NormalizedName, organisation.Id, cancellationToken);
            await DuplicateNames.SaveAsync<Command>(db, cancellationToken);
            return Unit.Value;
        }
    }
}
