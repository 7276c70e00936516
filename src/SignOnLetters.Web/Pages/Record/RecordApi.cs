using System.Text.Json;
using SignOnLetters.Domain.Record;
using SignOnLetters.Web.Api;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>
/// <c>GET /api/letters/{slug}/record</c>: the letter's whole signatory record as JSON lines
/// (docs/record-format.md, a public contract: add fields, never rename them), streamed entry by entry
/// so a long record costs no memory. scripts/verify-record.py re-verifies it.
/// </summary>
public static class RecordApi
{
    public const string ContentType = "application/jsonl; charset=utf-8";

    private static readonly byte[] NewLine = [(byte)'\n'];

    public static IEndpointRouteBuilder MapRecordApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/letters/{slug}").AddEndpointFilter(new ApiProblems()).MapGet("/record", GetRecordAsync);
        return app;
    }

    private static async Task<IResult> GetRecordAsync(string slug, AppDbContext db, CancellationToken cancellationToken)
    {
        var letter = await PublicRecord.LetterAsync(db, slug, cancellationToken);
        return Results.Stream(async body =>
        {
            await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            json.WriteStartObject();
            json.WriteString("record", RecordHashes.Version);
            json.WriteString("letter", letter.Slug);
            json.WriteEndObject();
            await NewLineAsync(json, body, cancellationToken);
            // In order, straight from the reader: the same rows the self-check recomputes.
            await foreach (var entry in db.RecordEntries.AsNoTracking().Where(e => e.LetterId == letter.Id).OrderBy(e => e.Sequence)
                               .AsStreamed().WithCancellation(cancellationToken))
            {
                Write(json, entry);
                await NewLineAsync(json, body, cancellationToken);
            }
        }, ContentType, fileDownloadName: $"{letter.Slug}-record.jsonl");
    }

    private static async Task NewLineAsync(Utf8JsonWriter json, Stream body, CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken);
        json.Reset();
        await body.WriteAsync(NewLine, cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, RecordEntry entry)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", entry.Sequence);
        json.WriteString("at", entry.At);
        json.WriteString("event", RecordHashes.Event(entry.Event));
        if (entry.Of is { } of)
            json.WriteNumber("of", of);
        else
            json.WriteNull("of");
        json.WriteString("kind", RecordHashes.Kind(entry.Kind));
        json.WriteString("subject", entry.Subject);
        if (entry.ShownSubject is { } shown)
        {
            json.WriteStartObject("shown");
            json.WriteString("name", shown.Name);
            json.WriteString("role", shown.Role);
            json.WriteString("organisation", shown.Organisation);
            json.WriteString("country", shown.Country);
            json.WriteBoolean("unverified", shown.Unverified);
            json.WriteEndObject();
            json.WriteString("salt", entry.Salt);
        }
        else
        {
            json.WriteNull("shown");
            json.WriteNull("salt");
        }
        json.WriteString("leaf", entry.Leaf);
        json.WriteString("head", entry.Head);
        json.WriteEndObject();
    }
}
