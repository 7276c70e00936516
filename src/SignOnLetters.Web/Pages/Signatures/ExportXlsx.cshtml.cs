using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// <c>GET /letters/{slug}/signatures.xlsx</c>: the CSV export's table as a spreadsheet, for the lead
/// organisation's coordinators only (it holds e-mail addresses). Same columns, same rows, same
/// formula safety (<see cref="CsvCells.LooksLikeFormula"/>); the header row frozen, dates as dates.
/// Rows go from the database to a temporary file one at a time (ADR 0017), so 100,000 signatures
/// take no more memory than ten.
/// </summary>
[Authorize]
public partial class ExportXlsx(IMediator mediator) : PageModel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new Query(slug), cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        return File(file, ContentType, $"signatures-{slug}.xlsx");
    }

    /// <summary>Answers a readable stream positioned at the start, deleted from disk once closed.</summary>
    public sealed record Query(string Slug) : IQuery<Stream>, IRequiresTwoFactor;

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Stream>
    {
        public async ValueTask<Stream> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var file = new FileStream(Path.Combine(Path.GetTempPath(), $"sol-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            try
            {
                await WriteAsync(file, Export.Rows(db, letterId), cancellationToken);
                file.Position = 0;
                return file;
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }
    }

    private static readonly PropertyInfo[] Columns = typeof(Export.Row).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetMethod is { } get && get.GetParameters().Length == 0 && p.Name != "EqualityContract")
        .ToArray();

    private const uint HeaderStyle = 1, TextStyle = 2, FormulaLikeTextStyle = 3, DateStyle = 4;

    /// <summary>
    /// Writes the workbook to <paramref name="output"/>, streaming the sheet's rows into the zip as they
    /// come. The SDK's package (System.IO.Packaging) keeps each part in memory until it is closed, and
    /// refuses a write-only package, so the zip is written directly: the parts are the SDK's own
    /// elements, serialised one after another (ADR 0017).
    /// </summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<Export.Row> rows, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        Entry(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Entry(zip, "xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);
        using (var workbook = zip.CreateEntry("xl/workbook.xml").Open())
            new Workbook(new Sheets(new Sheet { Name = "Signatures", SheetId = 1, Id = "rId1" })).Save(workbook);
        using (var styles = zip.CreateEntry("xl/styles.xml").Open())
            Stylesheet().Save(styles);

        await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml").Open();
        using var writer = OpenXmlWriter.Create(sheet);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet());
        // The header row stays in view while scrolling.
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { TabSelected = true, WorkbookViewId = 0 }));
        writer.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.Columns(Columns.Select((column, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = WidthOf(column), CustomWidth = true })));
        writer.WriteStartElement(new SheetData());

        uint rowIndex = 1;
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var i = 0; i < Columns.Length; i++)
            writer.WriteElement(TextCell(Reference(i, rowIndex), Columns[i].Name, HeaderStyle));
        writer.WriteEndElement();

        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            rowIndex++;
            writer.WriteStartElement(new Row { RowIndex = rowIndex });
            for (var i = 0; i < Columns.Length; i++)
                if (CellOf(Columns[i].GetValue(row), Reference(i, rowIndex)) is { } cell)
                    writer.WriteElement(cell);
            writer.WriteEndElement();
        }
        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
    }

    private static void Entry(ZipArchive zip, string name, string xml)
    {
        using var stream = zip.CreateEntry(name).Open();
        using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        text.Write(xml);
    }

    private static Cell? CellOf(object? value, string reference) => value switch
    {
        null => null,
        string text => TextCell(reference, text, CsvCells.LooksLikeFormula(text) ? FormulaLikeTextStyle : TextStyle),
        // In UTC, as stored and as the CSV's ISO "Z" times: a spreadsheet date carries no zone.
        DateTime date => new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(date.ToOADate()) },
        int number => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number) },
        bool flag => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(flag ? "1" : "0") },
        _ => TextCell(reference, value.ToString() ?? string.Empty, TextStyle),
    };

    /// <summary>
    /// Always an inline string, never a formula or a shared string: what a signer typed is text.
    /// A formula-looking one also gets Excel's quote prefix (the native leading apostrophe), so
    /// editing the cell keeps it text.
    /// </summary>
    private static Cell TextCell(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(EscapeForExcel(OfficeText.Clean(text))) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>
    /// Spreadsheets read "_x0041_" in a string as an escaped character ("A"); a name containing that
    /// pattern would be shown as something else. Escaping its underscore (_x005F_) keeps it as typed.
    /// </summary>
    private static string EscapeForExcel(string text) => text.Contains("_x", StringComparison.OrdinalIgnoreCase) ? ExcelEscape().Replace(text, "_x005F_$1") : text;

    [GeneratedRegex("_(x[0-9A-Fa-f]{4}_)")]
    private static partial Regex ExcelEscape();

    private static string Reference(int column, uint row)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters + row;
    }

    private static double WidthOf(PropertyInfo column) => column.Name switch
    {
        nameof(Export.Row.OrganisationName) or nameof(Export.Row.SignerName) or nameof(Export.Row.Email) or nameof(Export.Row.Website) => 32,
        nameof(Export.Row.RejectionReason) or nameof(Export.Row.Role) => 24,
        _ when Nullable.GetUnderlyingType(column.PropertyType) == typeof(DateTime) || column.PropertyType == typeof(DateTime) => 20,
        _ => 14,
    };

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { NumberFormatId = 49, FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true, QuotePrefix = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true }) { Count = 5 });
}
