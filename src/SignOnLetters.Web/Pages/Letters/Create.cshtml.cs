using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Infrastructure.Validation;
using SignOnLetters.Web.Pages.Organisations;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>A coordinator starts a draft for one of their organisations: kind, language, title and its web address.</summary>
public class Create(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public IReadOnlyList<LeadOption> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await mediator.Send(new Query(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Organisations = await mediator.Send(new Query(), cancellationToken);
        var slug = await mediator.Send(Data, cancellationToken);
        TempData["Notice"] = T["Draft created. Add the text, addressees and settings."].Value;
        return RedirectToPage("Edit", new { slug });
    }

    public sealed record Query : IQuery<IReadOnlyList<LeadOption>>;

    public sealed record LeadOption(int Id, string Name);

    /// <summary>Only organisations the person coordinates can lead a letter.</summary>
    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<LeadOption>>
    {
        public async ValueTask<IReadOnlyList<LeadOption>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            return await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.UserId == userId && m.Role == OrganisationRole.Coordinator)
                .OrderBy(m => m.Organisation.Name)
                .Select(m => new LeadOption(m.OrganisationId, m.Organisation.Name))
                .ToListAsync(cancellationToken);
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

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, string>
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
            var letter = Letter.CreateDraft(command.Kind, slug, organisation,
                new LetterText(command.LanguageCode, command.Title, ""), user.RequireUserId(), now);
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
