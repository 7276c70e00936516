using System.Text;
using CsvHelper;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>
/// <c>/letters/{slug}/signatures/import</c>: a coordinator of the letter imports signatures gathered
/// elsewhere (a Google Form, an Action Network export, a spreadsheet of paper sheets) in three steps
/// that work without JavaScript: upload the CSV file (held in <see cref="ImportFileStore"/>, never in
/// the database), map its columns to ours with a preview of its first rows and defaults for what it
/// lacks, then import and read the report (imported, duplicates skipped, refused rows with their
/// lines and reasons, downloadable as CSV). The file's size is held to the server's request limit.
/// </summary>
[Authorize]
[RequestFormLimits(MultipartBodyLengthLimit = RequestBodyLimits.DefaultMaxBytes)]
public class ImportSignatures(IMediator mediator) : PageModel
{
    /// <summary>Refused rows shown on the page; the downloadable report has them all.</summary>
    public const int RefusedRowsShown = 100;

    public string Slug { get; private set; } = string.Empty;
    public PreviewModel? Preview { get; private set; }
    public ReportModel? Report { get; private set; }

    [BindProperty]
    public RunCommand Mapping { get; set; } = new();

    /// <summary>Each field's label on the mapping step.</summary>
    public static IReadOnlyList<(ImportField Field, string Label)> Fields(IStringLocalizer T) =>
    [
        (ImportField.Ignore, T["Ignore this column"]),
        (ImportField.Kind, T["Signs as (organisation or individual)"]),
        (ImportField.Organisation, T["Organisation"]),
        (ImportField.Name, T["Signer's name"]),
        (ImportField.FirstName, T["First name"]),
        (ImportField.LastName, T["Last name"]),
        (ImportField.Role, T["Role or title"]),
        (ImportField.Country, T["Country"]),
        (ImportField.Email, T["E-mail address"]),
        (ImportField.Visibility, T["How the signature appears"]),
        (ImportField.SignedAt, T["Date signed"]),
    ];

    public static long MaxFileMegabytes => RequestBodyLimits.DefaultMaxBytes / 1_000_000;

    public async Task<IActionResult> OnGetAsync(string slug, string? file, string? report, CancellationToken cancellationToken)
    {
        Slug = slug;
        if (report is not null)
            Report = await mediator.Send(new ReportQuery(slug, report), cancellationToken);
        else if (file is not null)
        {
            Preview = await mediator.Send(new PreviewQuery(slug, file), cancellationToken);
            Mapping = new RunCommand { File = file, Columns = Preview.Proposed.ToList() };
        }
        else
            await mediator.Send(new StartQuery(slug), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string slug, IFormFile? upload, CancellationToken cancellationToken)
    {
        Slug = slug;
        // Read where ASP.NET Core buffered it (on disk above 64 KB), never copied into memory whole.
        await using var content = upload is { Length: > 0 } ? upload.OpenReadStream() : Stream.Null;
        var id = await mediator.Send(new UploadCommand(slug, content, upload?.Length ?? 0, upload?.FileName ?? string.Empty), cancellationToken);
        return Redirect($"/letters/{slug}/signatures/import?file={id}");
    }

    public async Task<IActionResult> OnPostImportAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        try
        {
            var id = await mediator.Send(Mapping with { Slug = slug }, cancellationToken);
            return Redirect($"/letters/{slug}/signatures/import?report={id}");
        }
        catch (Exception exception) when (exception is DomainRuleException or RequestValidationException)
        {
            // The mapping step is shown again with its preview, the choices made and the error.
            Preview = await mediator.Send(new PreviewQuery(slug, Mapping.File), cancellationToken);
            throw;
        }
    }

    public async Task<IActionResult> OnGetRefusedAsync(string slug, string report, CancellationToken cancellationToken) =>
        File(await mediator.Send(new RefusedQuery(slug, report), cancellationToken), "text/csv; charset=utf-8", $"refused-rows-{slug}.csv");

    /// <summary>Only checks who is asking, so the upload form is shown to the letter's coordinators alone.</summary>
    public sealed record StartQuery(string Slug) : IQuery<Unit>, ILetterCoordinatorRequest;

    public sealed class StartHandler(SignOnLetters.Data.AppDbContext db) : IQueryHandler<StartQuery, Unit>
    {
        public async ValueTask<Unit> Handle(StartQuery query, CancellationToken cancellationToken)
        {
            // The letter's own reason when it collects no signatures now, before anyone uploads a file.
            (await Signing.LetterForSigning.FindAsync(db, query.Slug, cancellationToken)).Terms.EnsureOpen();
            return Unit.Value;
        }
    }

    public sealed record UploadCommand(string Slug, Stream Content, long Length, string FileName) : ICommand<string>, ILetterCoordinatorRequest;

    public sealed class UploadValidator : AbstractValidator<UploadCommand>
    {
        public UploadValidator()
        {
            RuleFor(c => c.Length).GreaterThan(0).WithName("File").WithMessage("Choose a CSV file.");
        }
    }

    public sealed class UploadHandler(ImportFileStore store, ICurrentUser user, TimeProvider clock) : ICommandHandler<UploadCommand, string>
    {
        public async ValueTask<string> Handle(UploadCommand command, CancellationToken cancellationToken)
        {
            var entry = new StoredImport(user.RequireUserId(), command.Slug, CleanFileName(command.FileName), clock.GetUtcNow().UtcDateTime, null);
            var id = await store.SaveAsync(command.Content, entry, cancellationToken);
            try
            {
                await using var stream = store.OpenUpload(id);
                SignatureFile.Open(stream);
            }
            catch (DomainRuleException)
            {
                store.Remove(id);
                throw;
            }
            return id;
        }
    }

    /// <summary>The name shown in each signature's history: the file's own name without its folders, printable, at most 100 characters.</summary>
    internal static string CleanFileName(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c) && c != '\uFFFD'
            && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)).ToArray()).Trim();
        name = name.Length > SignatureEvent.NoteArgumentMaxLength ? name[..SignatureEvent.NoteArgumentMaxLength] : name;
        return name.Length == 0 ? "signatures.csv" : name;
    }

    public sealed record PreviewModel(string FileName, string Encoding, char Delimiter, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> FirstRows,
        IReadOnlyList<ImportField> Proposed);

    public sealed record PreviewQuery(string Slug, string File) : IQuery<PreviewModel>, ILetterCoordinatorRequest;

    public sealed class PreviewHandler(ImportFileStore store, ICurrentUser user) : IQueryHandler<PreviewQuery, PreviewModel>
    {
        public const int PreviewRows = 5;

        public async ValueTask<PreviewModel> Handle(PreviewQuery query, CancellationToken cancellationToken)
        {
            var entry = await store.FindAsync(query.File, user.RequireUserId(), query.Slug, cancellationToken);
            if (entry is null || !store.HasUpload(query.File))
                throw new DomainRuleException("The uploaded file has expired or was already imported. Upload it again.");
            await using var stream = store.OpenUpload(query.File);
            var file = SignatureFile.Open(stream);
            var rows = file.Rows().Take(PreviewRows).Select(r => (IReadOnlyList<string>)r.Cells).ToList();
            return new PreviewModel(entry.FileName, file.Encoding is UnicodeEncoding ? "UTF-16" : "UTF-8", file.Delimiter, file.Header, rows,
                ImportMapping.Propose(file.Header));
        }
    }

    public sealed record RunCommand : ICommand<string>, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string File { get; init; } = string.Empty;
        public List<ImportField> Columns { get; init; } = [];
        public SignerKind DefaultKind { get; init; } = SignerKind.Individual;
        public SignatureVisibility DefaultVisibility { get; init; } = SignatureVisibility.NameAndOrganisation;
        public string? DefaultCountry { get; init; }

        /// <summary>The coordinator vouches that the people in the file agreed to sign, as for a paper signature.</summary>
        public bool SignersConsented { get; init; }
    }

    public sealed class RunValidator : AbstractValidator<RunCommand>
    {
        public RunValidator()
        {
            RuleFor(c => c.DefaultKind).Must(Enum.IsDefined).WithMessage("Choose whether you sign as an organisation or as an individual.");
            RuleFor(c => c.DefaultVisibility).Must(Enum.IsDefined).WithMessage("Choose how your signature appears.");
            RuleFor(c => c.DefaultCountry).Must(Countries.IsKnown).When(c => !string.IsNullOrEmpty(c.DefaultCountry)).WithMessage("Choose a country from the list.");
            RuleForEach(c => c.Columns).Must(Enum.IsDefined).WithMessage("Choose one of our fields for each column.");
            RuleFor(c => c.SignersConsented).Equal(true).WithMessage("Confirm that the people in the file agreed to sign and to appear as the file says.");
        }
    }

    public sealed class RunHandler(ImportFileStore store, SignatureImporter importer, ICurrentUser user) : ICommandHandler<RunCommand, string>
    {
        public async ValueTask<string> Handle(RunCommand command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var entry = await store.FindAsync(command.File, userId, command.Slug, cancellationToken);
            if (entry is null || !store.HasUpload(command.File))
                throw new DomainRuleException("The uploaded file has expired or was already imported. Upload it again.");
            ImportSummary summary;
            await using (var stream = store.OpenUpload(command.File))
            {
                var file = SignatureFile.Open(stream);
                if (command.Columns.Count != file.Header.Count)
                    throw new DomainRuleException("Choose one of our fields for each column.");
                var mapping = new ImportMapping(command.Columns,
                    new RowDefaults(command.DefaultKind, command.DefaultVisibility, string.IsNullOrEmpty(command.DefaultCountry) ? null : command.DefaultCountry.ToUpperInvariant()));
                await using var refusals = store.CreateRefusals(command.File);
                await using var csv = new CsvWriter(refusals, CultureInfo.InvariantCulture);
                csv.WriteField("line");
                csv.WriteField("reason");
                await csv.NextRecordAsync();
                summary = await importer.ImportAsync(command.Slug, file, mapping, userId, entry.FileName, row =>
                {
                    csv.WriteField(row.Line);
                    csv.WriteField(CsvCells.Safe(row.Reason));
                    csv.NextRecord();
                }, cancellationToken);
            }
            await store.FinishAsync(command.File, entry with { Summary = summary }, cancellationToken);
            return command.File;
        }
    }

    public sealed record ReportModel(string Id, string FileName, ImportSummary Summary, IReadOnlyList<RefusedRow> Refused);

    public sealed record ReportQuery(string Slug, string Id) : IQuery<ReportModel>, ILetterCoordinatorRequest;

    public sealed class ReportHandler(ImportFileStore store, ICurrentUser user) : IQueryHandler<ReportQuery, ReportModel>
    {
        public async ValueTask<ReportModel> Handle(ReportQuery query, CancellationToken cancellationToken)
        {
            var entry = await store.FindAsync(query.Id, user.RequireUserId(), query.Slug, cancellationToken);
            if (entry?.Summary is not { } summary)
                throw new NotFoundException("The import's report");
            var refused = new List<RefusedRow>();
            await using (var stream = store.OpenRefusals(query.Id))
            {
                if (stream is not null)
                {
                    using var reader = new CsvReader(new StreamReader(stream, Encoding.UTF8), CultureInfo.InvariantCulture);
                    await reader.ReadAsync();
                    reader.ReadHeader();
                    while (refused.Count < RefusedRowsShown && await reader.ReadAsync())
                        refused.Add(new RefusedRow(reader.GetField<long>(0), reader.GetField(1)!.TrimStart('\'')));
                }
            }
            return new ReportModel(query.Id, entry.FileName, summary, refused);
        }
    }

    public sealed record RefusedQuery(string Slug, string Id) : IQuery<Stream>, ILetterCoordinatorRequest;

    public sealed class RefusedHandler(ImportFileStore store, ICurrentUser user) : IQueryHandler<RefusedQuery, Stream>
    {
        public async ValueTask<Stream> Handle(RefusedQuery query, CancellationToken cancellationToken) =>
            await store.FindAsync(query.Id, user.RequireUserId(), query.Slug, cancellationToken) is not null && store.OpenRefusals(query.Id) is { } stream
                ? stream
                : throw new NotFoundException("The import's report");
    }
}
