using System.Text;
using CsvHelper;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// Every signature of a letter with its private fields, as CSV, for coordinators of the lead
/// organisation only: <c>/letters/{slug}/signatures.csv</c>. UTF-8 with a byte order mark so
/// spreadsheets read every script; cells that a spreadsheet would run as a formula are neutralised.
/// <para>
/// Streamed (issue 20): rows go from the database reader to the response one at a time, so a
/// letter of a million signatures costs the server a reader's buffer, not the whole file.
/// Access is checked before the first byte is written, so a refusal is still an ordinary error page.
/// </para>
/// </summary>
[Authorize]
public class Export(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        await mediator.Send(new Query(slug, new CsvResponse(Response, $"signatures-{slug}.csv")), cancellationToken);
        return new EmptyResult();
    }

    /// <param name="Output">Where the file goes; its headers are set only once access is granted.</param>
    public sealed record Query(string Slug, ICsvOutput Output) : IQuery<Unit>, IRequiresTwoFactor;

    /// <summary>Where an export writes: the HTTP response, or a buffer in tests.</summary>
    public interface ICsvOutput
    {
        /// <summary>Called once, after access was granted and before the first byte.</summary>
        Stream Open();
    }

    /// <summary>The response, as a download named <paramref name="fileName"/>.</summary>
    public sealed class CsvResponse(HttpResponse response, string fileName) : ICsvOutput
    {
        public Stream Open()
        {
            response.ContentType = "text/csv; charset=utf-8";
            var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
            return response.Body;
        }
    }

    public sealed record Row(
        int Id, string Kind, string State, string? OrganisationName, string SignerName, string? Role, string Country, string? Email,
        string? Website, string Visibility, bool KeepMeUpdated, string Source, int VersionNumber, DateTime SignedAtUtc, DateTime? ConfirmedAtUtc,
        string? RejectionReason, string? Verification);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Unit>
    {
        public async ValueTask<Unit> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            // Streamed from the reader (no ToList): one row in memory at a time, in id order.
            var rows = Rows(db, letterId).Select(row => row with
            {
                OrganisationName = Safe(row.OrganisationName), SignerName = Safe(row.SignerName)!, Role = Safe(row.Role), Email = Safe(row.Email),
                Website = Safe(row.Website), RejectionReason = Safe(row.RejectionReason),
            });

            const string IsoUtc = "yyyy-MM-dd'T'HH:mm:ss'Z'";
            await using (var writer = new StreamWriter(query.Output.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true))
            await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                // ISO 8601 in UTC, which every spreadsheet and script reads the same way, not the
                // invariant culture's month-first "12/04/2026 17:30:00".
                csv.Context.TypeConverterOptionsCache.GetOptions<DateTime>().Formats = [IsoUtc];
                csv.Context.TypeConverterOptionsCache.GetOptions<DateTime?>().Formats = [IsoUtc];
                await csv.WriteRecordsAsync(rows, cancellationToken);
            }
            return Unit.Value;
        }
    }

    /// <summary>
    /// Every signature of the letter as the exports' rows, in signing order, as the database hands
    /// them over (never all in memory): the CSV and the spreadsheet (<see cref="ExportXlsx"/>) have
    /// the same columns because they read the same rows. Cells are as typed: each format makes
    /// formula-looking text inert its own way (<see cref="CsvCells"/>).
    /// </summary>
    public static IAsyncEnumerable<Row> Rows(AppDbContext db, int letterId) =>
        db.Signatures.AsNoTracking()
            .Where(s => s.LetterId == letterId)
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Kind, s.State, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email, s.Website, s.Visibility,
                s.KeepMeUpdated, s.Source, VersionNumber = s.LetterVersion.Number, s.CreatedAt, s.ConfirmedAt, s.RejectionReason, s.Verification,
            })
            .AsStreamed()
            .Select(s => new Row(s.Id, s.Kind.ToString(), s.State.ToString(), s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email,
                s.Website, s.Visibility.ToString(), s.KeepMeUpdated, s.Source.ToString(), s.VersionNumber, s.CreatedAt, s.ConfirmedAt,
                s.RejectionReason, VerificationCell(s.Kind, s.Verification)));

    /// <summary>
    /// The last column: "Unverified", or how an organisation signature was verified ("Representative",
    /// "OrganisationDomain", "Coordinator"); empty for an individual, whose organisation is no claim.
    /// </summary>
    private static string? VerificationCell(Domain.Signatures.SignerKind kind, Domain.Signatures.OrganisationVerification verification) =>
        kind == Domain.Signatures.SignerKind.Organisation ? verification.ToString() : null;

    private static string? Safe(string? cell) => Infrastructure.CsvCells.Safe(cell);
}
