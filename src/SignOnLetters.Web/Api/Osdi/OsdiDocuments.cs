using System.Text.Json.Serialization;

namespace SignOnLetters.Web.Api.Osdi;

/// <summary>
/// The OSDI v1 documents (https://opensupporter.github.io/osdi-docs/; sections cited in
/// docs/api/osdi.md), written once for the API and the webhooks' payloads. Field names are OSDI's
/// snake_case; our own additions carry the <c>signonletters:</c> prefix, as OSDI asks of extensions.
/// </summary>
public static class OsdiDocuments
{
    public const string Prefix = "signonletters";
    public const string OriginSystem = "SignOnLetters";

    /// <summary>A petition's identifier: <c>signonletters:{slug}</c> (the slug is the letter's public address, never changed).</summary>
    public static string PetitionIdentifier(string slug) => $"{Prefix}:{slug}";

    /// <summary>
    /// A signature's identifier: the sequence number of the entry where it entered the letter's public
    /// signatory record (docs/record-format.md), already public there. Never the database id, which
    /// would tell how many signatures, named or not, came between two (see <c>ListCursors</c>).
    /// </summary>
    public static string SignatureIdentifier(string slug, int recordSequence) => $"{Prefix}:{slug}/{recordSequence}";

    /// <summary>Dates of signatures are days, as the public record gives them ("no finer than the list shows").</summary>
    public static DateTime Day(string recordDay) =>
        DateTime.SpecifyKind(DateTime.ParseExact(recordDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}

/// <summary>The address of each OSDI resource, absolute on the app's public base.</summary>
public sealed class OsdiLinks(Func<string, string> absolute)
{
    public const string Root = "/api/osdi/v1";

    public string EntryPoint => absolute(Root);
    public string Petitions => absolute($"{Root}/petitions");
    public string PetitionsPage(int page, int perPage) => absolute($"{Root}/petitions?page={page}&per_page={perPage}");
    public string Petition(string slug) => absolute($"{Root}/petitions/{slug}");
    public string Signatures(string slug) => absolute($"{Root}/petitions/{slug}/signatures");
    public string SignaturesPage(string slug, int page, int perPage) => absolute($"{Root}/petitions/{slug}/signatures?page={page}&per_page={perPage}");
    public string Signature(string slug, int sequence) => absolute($"{Root}/petitions/{slug}/signatures/{sequence}");
    public string Browser(string slug) => absolute($"/letters/{slug}");

    /// <summary>OSDI's curie: "osdi:petitions" expands to the spec's page on petitions.</summary>
    public static readonly IReadOnlyList<Curie> Curies = [new("osdi", "https://opensupporter.github.io/osdi-docs/{rel}", true)];
}

public sealed record Link([property: JsonPropertyName("href")] string Href, [property: JsonPropertyName("title")] string? Title = null);

public sealed record Curie(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("href")] string Href,
    [property: JsonPropertyName("templated")] bool Templated);

/// <summary>The API entry point (OSDI "Entry Point", AEP): what this server offers.</summary>
public sealed record EntryPointDocument(
    [property: JsonPropertyName("motd")] string Motd,
    [property: JsonPropertyName("vendor_name")] string VendorName,
    [property: JsonPropertyName("product_name")] string ProductName,
    [property: JsonPropertyName("osdi_version")] string OsdiVersion,
    [property: JsonPropertyName("max_pagesize")] int MaxPageSize,
    [property: JsonPropertyName("_links")] EntryPointLinks Links);

public sealed record EntryPointLinks(
    [property: JsonPropertyName("self")] Link Self,
    [property: JsonPropertyName("osdi:petitions")] Link Petitions,
    [property: JsonPropertyName("curies")] IReadOnlyList<Curie> Curies);

/// <summary>An OSDI petition: one letter or petition the key's organisation leads or co-authors.</summary>
public sealed record PetitionDocument(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("origin_system")] string OriginSystem,
    [property: JsonPropertyName("created_date")] DateTime CreatedDate,
    [property: JsonPropertyName("modified_date")] DateTime ModifiedDate,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("petition_text")] string PetitionText,
    [property: JsonPropertyName("target")] IReadOnlyList<TargetDocument> Target,
    [property: JsonPropertyName("total_signatures")] int TotalSignatures,
    [property: JsonPropertyName("browser_url")] string BrowserUrl,
    [property: JsonPropertyName("signonletters:status")] string Status,
    [property: JsonPropertyName("signonletters:language")] string Language,
    [property: JsonPropertyName("_links")] PetitionLinks Links);

/// <summary>An addressee. OSDI's target has given and family names; ours have one name as the coordinators wrote it.</summary>
public sealed record TargetDocument(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("organization")] string? Organization);

public sealed record PetitionLinks(
    [property: JsonPropertyName("self")] Link Self,
    [property: JsonPropertyName("osdi:signatures")] Link Signatures);

/// <summary>
/// An OSDI signature: one line of the letter's public list and nothing more. Who signed is shown
/// exactly as the list shows it (<see cref="PublicSignatory"/>); no e-mail, no network, no
/// signature that the list does not show. OSDI links a signature to an <c>osdi:person</c>; there is
/// no person resource here (a person would be their e-mail address), so the signatory is embedded
/// as <c>signonletters:signatory</c>.
/// </summary>
public sealed record SignatureDocument(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("origin_system")] string OriginSystem,
    [property: JsonPropertyName("created_date")] DateTime CreatedDate,
    [property: JsonPropertyName("modified_date")] DateTime ModifiedDate,
    [property: JsonPropertyName("signonletters:signatory")] SignatoryDocument? Signatory,
    [property: JsonPropertyName("_links")] SignatureLinks Links);

/// <param name="Verified">For an organisation: whether it is known to be the organisation's (the list marks the others "unverified"); null for a person.</param>
public sealed record SignatoryDocument(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("verified")] bool? Verified)
{
    public static SignatoryDocument Of(PublicSignatory shown) => new(
        shown.Kind == SignerKind.Organisation ? "organization" : "person",
        shown.Name, shown.Role, shown.Organisation, shown.CountryCode,
        shown.Kind == SignerKind.Organisation ? !shown.Unverified : null);
}

public sealed record SignatureLinks(
    [property: JsonPropertyName("self")] Link Self,
    [property: JsonPropertyName("osdi:petition")] Link Petition);

/// <summary>An OSDI collection page (HAL): counts, paging links, and the page's resources embedded.</summary>
public sealed record CollectionDocument<T>(
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("total_records")] int TotalRecords,
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, object> Links,
    [property: JsonPropertyName("_embedded")] IReadOnlyDictionary<string, IReadOnlyList<T>> Embedded);
