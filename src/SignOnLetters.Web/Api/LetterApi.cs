using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Api;

/// <summary>
/// The public JSON API for letters (a contract partners build on: add fields, never rename them).
/// Endpoints send the same Mediator requests as the pages, so rules and access are the same.
/// </summary>
public static class LetterApi
{
    public static IEndpointRouteBuilder MapLetterApi(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/letters").AddEndpointFilter(new ApiProblems());
        letters.MapGet("/{slug}", GetLetterAsync);
        return app;
    }

    private static async Task<IResult> GetLetterAsync(string slug, string? lang, IMediator mediator, IStringLocalizer<SharedResource> T,
        Infrastructure.Markdown.RenderedMarkdown rendered, CancellationToken cancellationToken)
    {
        var letter = await mediator.Send(new View.Query(slug, lang) { WithPageParts = false }, cancellationToken);
        var progress = SignatureProgress.Of(letter.Counts, letter.SignatureGoal);
        return Results.Ok(new LetterResponse(
            letter.Slug,
            letter.Title,
            letter.Kind.ToString(),
            letter.Status.ToString(),
            letter.Language,
            // Each version's text as written and as the letter page shows it (rendered once per text and cached).
            letter.Languages.Select(l => new LanguageVersionResponse(l.Code, l.Name, l.Title, l.Body, rendered.Of(l.Body).Html)).ToList(),
            letter.VersionNumber,
            letter.DeadlineUtc is { } utc ? new DeadlineResponse(utc, letter.DeadlineTimeZone!) : null,
            new CountsResponse(letter.Counts.Organisations, letter.Counts.Individuals, letter.Counts.Countries, letter.Counts.Total),
            SignatureCountWording.Headline(T, letter.Counts),
            progress is null ? null : new GoalResponse(progress.Goal, progress.Percent, SignatureCountWording.Goal(T, progress)),
            letter.Addressees.Select(a => new AddresseeResponse(a.Name, a.Title, a.Institution)).ToList(),
            letter.RecordHead));
    }

    /// <param name="Headline">The counts worded as the letter page words them, in the reader's language (Accept-Language or the language cookie).</param>
    /// <param name="RecordHead">The head of the letter's signatory record (SHA-256, lower-case hex; docs/record-format.md); null for a draft's preview.</param>
    public sealed record LetterResponse(
        string Slug, string Title, string Kind, string Status, string Language,
        IReadOnlyList<LanguageVersionResponse> LanguageVersions, int Version, DeadlineResponse? Deadline, CountsResponse Counts,
        string Headline, GoalResponse? Goal, IReadOnlyList<AddresseeResponse> Addressees, string? RecordHead);

    /// <param name="Text">The version's text as its coordinators wrote it (Markdown).</param>
    /// <param name="Html">The same text as the letter page shows it (sanitised HTML).</param>
    public sealed record LanguageVersionResponse(string Language, string Name, string Title, string Text, string Html);

    public sealed record AddresseeResponse(string Name, string? Title, string? Institution);

    public sealed record DeadlineResponse(DateTime Utc, string TimeZone);

    public sealed record CountsResponse(int Organisations, int Individuals, int Countries, int Total);

    /// <param name="PercentReached">Whole per cent, rounded down; over 100 once the goal is passed.</param>
    public sealed record GoalResponse(int Signatures, int PercentReached, string Text);
}
