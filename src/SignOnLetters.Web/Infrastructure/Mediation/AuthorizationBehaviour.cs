namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>A request about an organisation that only its members (or site administrators) may make.</summary>
public interface IOrganisationMemberRequest
{
    int OrganisationId { get; }
}

/// <summary>A request about an organisation that only its coordinators (or site administrators) may make.</summary>
public interface IOrganisationCoordinatorRequest
{
    int OrganisationId { get; }
}

/// <summary>A request about a letter that only its co-editors (lead coordinators, invited editors, administrators) may make.</summary>
public interface ILetterEditorRequest
{
    string Slug { get; }
}

/// <summary>A request about a letter that only its lead organisation's coordinators (or administrators) may make.</summary>
public interface ILetterCoordinatorRequest
{
    string Slug { get; }
}

/// <summary>
/// Checks who is asking before anything else looks at the request: a stranger posting to another
/// organisation's form learns nothing, not even which fields would fail validation. Non-members get
/// "not found" (membership is private); members without the coordinator role get "forbidden".
/// Those allowed to deliver or export personal data must also have two-factor authentication on.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(AppDbContext db, ICurrentUser user, IOptions<SecurityOptions> security)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case IOrganisationCoordinatorRequest request:
                await EnsureAllowedAsync(request.OrganisationId, coordinatorsOnly: true, cancellationToken);
                break;
            case IOrganisationMemberRequest request:
                await EnsureAllowedAsync(request.OrganisationId, coordinatorsOnly: false, cancellationToken);
                break;
            case ILetterCoordinatorRequest request:
                await db.RequireLeadCoordinatorAsync(request.Slug, user, cancellationToken);
                break;
            case ILetterEditorRequest request:
                await db.RequireEditorAsync(request.Slug, user, cancellationToken);
                break;
        }
        if (message is IRequiresTwoFactor { TwoFactorRequired: true } && security.Value.RequireTwoFactorForPersonalData)
        {
            var userId = user.RequireUserId();
            if (!await db.Users.AnyAsync(u => u.Id == userId && u.TwoFactorEnabled, cancellationToken))
                throw new TwoFactorRequiredException();
        }
        return await next(message, cancellationToken);
    }

    private async Task EnsureAllowedAsync(int organisationId, bool coordinatorsOnly, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        if (user.IsAdministrator && await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
            return;
        var role = await db.OrganisationMemberships
            .Where(m => m.OrganisationId == organisationId && m.UserId == userId)
            .Select(m => (OrganisationRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
        if (role is null)
            throw new NotFoundException("The organisation");
        if (coordinatorsOnly && role != OrganisationRole.Coordinator)
            throw new ForbiddenException("Only the organisation's coordinators may do this.");
    }
}
