using System.Text.Encodings.Web;
using LinqKit;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>Where the letter shows up: the hosts that may embed its sign form, and whether it is listed.</summary>
public partial class Manage
{
    /// <summary>The hosts that may embed the sign form, one per line; empty stops all embedding.</summary>
    public sealed record ChangeEmbedHosts : ICommand, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string Hosts { get; init; } = string.Empty;
    }

    public sealed class ChangeEmbedHostsValidator : AbstractValidator<ChangeEmbedHosts>
    {
        public ChangeEmbedHostsValidator() =>
            RuleFor(c => c.Hosts).MaximumLength(EmbedHosts.MaxHosts * (EmbedHosts.HostMaxLength + 2)).WithName("Hosts");
    }

    public sealed class ChangeEmbedHostsHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeEmbedHosts>
    {
        public async ValueTask<Unit> Handle(ChangeEmbedHosts command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            letter.SetEmbedHosts(command.Hosts.Split((char[])['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries),
                user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Lists the letter on the home page and in the public index and search, or keeps it off them (its link still works).</summary>
    public sealed record ChangeListing(string Slug, bool Listed) : ICommand, ILetterCoordinatorRequest;

    public sealed class ChangeListingHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeListing>
    {
        public async ValueTask<Unit> Handle(ChangeListing command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            letter.SetListed(command.Listed, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
