using System.Text.Encodings.Web;
using LinqKit;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>Opening, closing, reopening, delivering and archiving the letter, and moving its deadline.</summary>
public partial class Manage
{
    /// <summary>Starts at 1: a value the model binder could not read arrives as 0 and is refused, never taken as "open".</summary>
    public enum LetterStep
    {
        Open = 1,
        Close,
        Deliver,
        Archive,
    }

    /// <param name="ChangeCount">The letter's change count as the coordinator saw it: opening freezes exactly the text they reviewed.</param>
    public sealed record ChangeStatus(string Slug, LetterStep Step, int ChangeCount) : ICommand, ILetterCoordinatorRequest, IRequiresTwoFactor
    {
        // Delivering publishes the signed letter with its signatories' names.
        public bool TwoFactorRequired => Step == LetterStep.Deliver;
    }

    public sealed class ChangeStatusHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeStatus>
    {
        public async ValueTask<Unit> Handle(ChangeStatus command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            if (letter.ChangeCount != command.ChangeCount)
                throw new DomainRuleException("The letter changed since you loaded this page. Check the latest text, then try again.");
            var (userId, now) = (user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            switch (command.Step)
            {
                case LetterStep.Open:
                    letter.Open(userId, now);
                    break;
                case LetterStep.Close:
                    letter.Close(userId, now);
                    break;
                case LetterStep.Deliver:
                    letter.MarkDelivered(userId, now);
                    // Delivered by hand: the PDF the coordinators download now is the sealed edition (ADR 0016).
                    letter.IssueEdition(now);
                    break;
                case LetterStep.Archive:
                    letter.Archive(userId, now);
                    break;
                default:
                    throw new DomainRuleException("Unknown step.");
            }
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed record ReopenCommand : ICommand, IDeadlineFields, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;

        /// <summary>A new deadline; required when the old one has passed.</summary>
        public string? Deadline { get; init; }

        public string? DeadlineTimeZone { get; init; }
    }

    public sealed class ReopenValidator : AbstractValidator<ReopenCommand>
    {
        public ReopenValidator() => Include(new DeadlineFieldsValidator());
    }

    /// <summary>An empty deadline removes it: the letter then stays open until a coordinator closes it.</summary>
    public sealed record ChangeDeadlineCommand : ICommand, IDeadlineFields
    {
        public string Slug { get; init; } = string.Empty;
        public string? Deadline { get; init; }
        public string? DeadlineTimeZone { get; init; }
    }

    public sealed class ChangeDeadlineValidator : AbstractValidator<ChangeDeadlineCommand>
    {
        public ChangeDeadlineValidator() => Include(new DeadlineFieldsValidator());
    }

    /// <summary>Reopening and moving the deadline both apply the deadline from the form, as a lead coordinator.</summary>
    public sealed class DeadlineHandler(AppDbContext db, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<ReopenCommand>, ICommandHandler<ChangeDeadlineCommand>
    {
        public ValueTask<Unit> Handle(ReopenCommand command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, command, (letter, deadline, userId, now) => letter.Reopen(deadline, userId, now), cancellationToken);

        public ValueTask<Unit> Handle(ChangeDeadlineCommand command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, command, (letter, deadline, userId, now) => letter.ChangeDeadline(deadline, userId, now), cancellationToken);

        private async ValueTask<Unit> ApplyAsync(string slug, IDeadlineFields fields, Action<Letter, LetterDeadline?, string, DateTime> apply,
            CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(slug, user, cancellationToken);
            apply(letter, DeadlineInput.ToDeadline(fields), user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
