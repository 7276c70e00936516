using System.Globalization;
using System.Text;
using CsvHelper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// Every signature of a letter with its private fields, as CSV, for coordinators of the lead
/// organisation only: <c>/letters/{slug}/signatures.csv</c>. UTF-8 with a byte order mark so
/// spreadsheets read every script; cells that a spreadsheet would run as a formula are neutralised.
/// </summary>
[Authorize]
public class Export(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken) =>
        File(await mediator.Send(new Query(slug), cancellationToken), "text/csv; charset=utf-8", $"signatures-{slug}.csv");

    public sealed record Query(string Slug) : IQuery<byte[]>, IRequiresTwoFactor;

    public sealed record Row(
        int Id, string Kind, string State, string? OrganisationName, string SignerName, string? Role, string Country, string? Email,
        string? Website, string Visibility, bool KeepMeUpdated, string Source, int VersionNumber, DateTime SignedAtUtc, DateTime? ConfirmedAtUtc,
        string? RejectionReason, string? Verification);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var signatures = await db.Signatures.AsNoTracking()
                .Where(s => s.LetterId == letterId)
                .OrderBy(s => s.Id)
                .Select(s => new
                {
                    s.Id, s.Kind, s.State, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email, s.Website, s.Visibility,
                    s.KeepMeUpdated, s.Source, VersionNumber = s.LetterVersion.Number, s.CreatedAt, s.ConfirmedAt, s.RejectionReason, s.Verification,
                })
                .ToListAsync(cancellationToken);
            var rows = signatures.Select(s => new Row(s.Id, s.Kind.ToString(), s.State.ToString(), Safe(s.OrganisationName), Safe(s.SignerName)!,
                Safe(s.Role), s.CountryCode, Safe(s.Email), Safe(s.Website), s.Visibility.ToString(), s.KeepMeUpdated, s.Source.ToString(),
                s.VersionNumber, s.CreatedAt, s.ConfirmedAt, Safe(s.RejectionReason), VerificationCell(s.Kind, s.Verification)));

            const string IsoUtc = "yyyy-MM-dd'T'HH:mm:ss'Z'";
            await using var buffer = new MemoryStream();
            await using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
            await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
            {
                // ISO 8601 in UTC, which every spreadsheet and script reads the same way, not the
                // invariant culture's month-first "12/04/2026 17:30:00".
                csv.Context.TypeConverterOptionsCache.GetOptions<DateTime>().Formats = [IsoUtc];
                csv.Context.TypeConverterOptionsCache.GetOptions<DateTime?>().Formats = [IsoUtc];
                await csv.WriteRecordsAsync(rows, cancellationToken);
            }
            return buffer.ToArray();
        }
    }

    /// <summary>
    /// The last column: "Unverified", or how an organisation signature was verified ("Representative",
    /// "OrganisationDomain", "Coordinator"); empty for an individual, whose organisation is no claim.
    /// </summary>
    private static string? VerificationCell(Domain.Signatures.SignerKind kind, Domain.Signatures.OrganisationVerification verification) =>
        kind == Domain.Signatures.SignerKind.Organisation ? verification.ToString() : null;

    private static string? Safe(string? cell) => Infrastructure.CsvCells.Safe(cell);
}
