using System.Collections.Frozen;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>What a column of an imported file holds, as the coordinator maps it.</summary>
public enum ImportField
{
    Ignore = 0,
    Kind,
    Organisation,
    Name,
    /// <summary>Joined with <see cref="LastName"/> into the signer's name (Action Network exports names in two columns).</summary>
    FirstName,
    LastName,
    Role,
    Country,
    Email,
    Visibility,
    SignedAt,
}

/// <summary>What a row without the column (or with the cell empty) gets.</summary>
public sealed record RowDefaults(SignerKind Kind, SignatureVisibility Visibility, string? CountryCode)
{
    public static readonly RowDefaults None = new(SignerKind.Individual, SignatureVisibility.NameAndOrganisation, null);
}

/// <summary>One row as a signature's fields, checked by the same validator as a paper signature (<see cref="EnteredSignerValidator"/>).</summary>
public sealed record ImportRow : ISignerFields
{
    public SignerKind Kind { get; init; }
    public string? OrganisationName { get; init; }
    public string? CountryCode { get; init; }
    public string SignerName { get; init; } = string.Empty;
    public string? Role { get; init; }
    public string? Email { get; init; }
    public string? Website => null;
    public SignatureVisibility Visibility { get; init; }

    internal SignerDetails Details => new(Kind, OrganisationName, CountryCode ?? string.Empty, SignerName, Role, Website,
        string.IsNullOrWhiteSpace(Email) ? null : Email, Visibility, KeepMeUpdated: false);
}

/// <summary>
/// Which of the file's columns hold which of our fields, and how a row's cells become an
/// <see cref="ImportRow"/>. The command line takes our own header; the page proposes a mapping from
/// the header (ours, Google Forms' or Action Network's column names) that the coordinator corrects.
/// </summary>
public sealed class ImportMapping
{
    /// <summary>Our own header, the one the command line and the page's template use.</summary>
    public static readonly string[] OurHeader = ["kind", "organisation", "name", "role", "country", "email", "visibility", "signed_at"];

    // Headers compared lower case, with '_', '-' and runs of spaces read as one space.
    private static readonly FrozenDictionary<string, ImportField> Known = new Dictionary<string, ImportField>
    {
        // Ours.
        ["kind"] = ImportField.Kind, ["organisation"] = ImportField.Organisation, ["name"] = ImportField.Name, ["role"] = ImportField.Role,
        ["country"] = ImportField.Country, ["email"] = ImportField.Email, ["visibility"] = ImportField.Visibility, ["signed at"] = ImportField.SignedAt,
        // Google Forms: a response spreadsheet (and its "Download responses (.csv)") starts with
        // "Timestamp", then "Email Address" when the form collects addresses (newer forms write
        // "Email address"), then one column per question titled as the question. Its timestamp is
        // written in the form owner's locale and time zone, "M/d/yyyy H:mm:ss" for English (US).
        // The questions below are the usual titles of a sign-on form's questions.
        ["timestamp"] = ImportField.SignedAt, ["email address"] = ImportField.Email,
        ["full name"] = ImportField.Name, ["your name"] = ImportField.Name, ["organization"] = ImportField.Organisation,
        ["organisation name"] = ImportField.Organisation, ["organization name"] = ImportField.Organisation, ["your organisation"] = ImportField.Organisation,
        ["your organization"] = ImportField.Organisation, ["title"] = ImportField.Role, ["job title"] = ImportField.Role, ["position"] = ImportField.Role,
        // Action Network: activist downloads and form, petition and letter responses name their core
        // fields first_name, last_name, email, zip_code and can2_country (with can2_state_abbreviated,
        // can2_user_city, can2_phone ...; see help.actionnetwork.org, "File formats for list uploads"
        // and "Downloading your activists"), and a signature's time created_at (or "timestamp" in
        // older downloads); custom questions keep their own names, such as organization.
        ["first name"] = ImportField.FirstName, ["last name"] = ImportField.LastName, ["can2 country"] = ImportField.Country,
        ["created at"] = ImportField.SignedAt,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, string>> CountryByEnglishName = new(() =>
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in Countries.Codes)
            byName.TryAdd(Countries.Name(code, "en"), code);
        return byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    });

    public ImportMapping(IReadOnlyList<ImportField> columns, RowDefaults defaults)
    {
        Columns = columns;
        Defaults = defaults;
    }

    public IReadOnlyList<ImportField> Columns { get; }
    public RowDefaults Defaults { get; }

    /// <summary>The field a header names, or <see cref="ImportField.Ignore"/>; each field is proposed for its first column only.</summary>
    public static IReadOnlyList<ImportField> Propose(IReadOnlyList<string> header)
    {
        var taken = new HashSet<ImportField>();
        return header.Select(name => Known.TryGetValue(Key(name), out var field) && taken.Add(field) ? field : ImportField.Ignore).ToList();
    }

    /// <summary>The mapping's problem as a whole (a field mapped twice, no name), or null.</summary>
    public string? Problem()
    {
        var mapped = Columns.Where(f => f != ImportField.Ignore).ToList();
        if (mapped.Count != mapped.Distinct().Count())
            return "Each of our fields may take one column only: choose \"Ignore this column\" for the others.";
        if (!mapped.Contains(ImportField.Name) && !mapped.Contains(ImportField.FirstName) && !mapped.Contains(ImportField.LastName))
            return "Choose the column that holds the signer's name.";
        return null;
    }

    /// <summary>The row's fields, or why it cannot be one (an English template and its arguments, translated by the caller).</summary>
    public (ImportRow? Row, DateTime? SignedAt, string? Problem, object[] Arguments) Read(FileRow row, DateTime now)
    {
        if (row.Damaged)
            return (null, null, "the row cannot be read (a quote is not closed or is followed by other text).", []);
        if (row.Cells.Length != Columns.Count)
            return (null, null, "the row has {0} cells where the header has {1}.", [row.Cells.Length, Columns.Count]);
        string? Cell(ImportField field)
        {
            var index = IndexOf(field);
            return index < 0 || string.IsNullOrWhiteSpace(row.Cells[index]) ? null : row.Cells[index].Trim();
        }

        var kind = Defaults.Kind;
        if (Cell(ImportField.Kind) is { } kindCell && !TryKind(kindCell, out kind))
            return (null, null, "kind must be organisation or individual.", []);
        var visibility = Defaults.Visibility;
        if (Cell(ImportField.Visibility) is { } visibilityCell && !TryVisibility(visibilityCell, out visibility))
            return (null, null, "visibility must be NameAndOrganisation, OrganisationOnly or CountedNotNamed.", []);
        var country = Defaults.CountryCode;
        if (Cell(ImportField.Country) is { } countryCell && !TryCountry(countryCell, out country))
            return (null, null, "country must be an ISO 3166 code such as FR (or the country's English name).", []);
        if (country is null)
            return (null, null, "the row has no country, and no default country was chosen.", []);
        DateTime? signedAt = null;
        if (Cell(ImportField.SignedAt) is { } signedCell)
        {
            if (!TrySignedAt(signedCell, out var at))
                return (null, null, "signed_at must be a date in ISO 8601, such as 2026-03-01 or 2026-03-01T09:30:00Z.", []);
            if (at > now.AddMinutes(5))
                return (null, null, "signed_at is in the future.", []);
            signedAt = at;
        }
        var name = Cell(ImportField.Name) ?? string.Join(' ', new[] { Cell(ImportField.FirstName), Cell(ImportField.LastName) }.Where(p => p is not null));
        return (new ImportRow
        {
            Kind = kind,
            OrganisationName = Cell(ImportField.Organisation),
            CountryCode = country,
            SignerName = name,
            Role = Cell(ImportField.Role),
            Email = Cell(ImportField.Email),
            Visibility = visibility,
        }, signedAt, null, []);
    }

    private int IndexOf(ImportField field)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == field)
                return i;
        }
        return -1;
    }

    private static string Key(string header) =>
        string.Join(' ', header.Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static bool TryKind(string cell, out SignerKind kind)
    {
        kind = cell.ToLowerInvariant() switch
        {
            "organisation" or "organization" => SignerKind.Organisation,
            "individual" => SignerKind.Individual,
            _ => (SignerKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    // Names only: a number is not a visibility a person chose.
    private static bool TryVisibility(string cell, out SignatureVisibility visibility) =>
        Enum.TryParse(cell, ignoreCase: true, out visibility) && !char.IsAsciiDigit(cell[0]) && cell[0] != '-' && Enum.IsDefined(visibility);

    private static bool TryCountry(string cell, out string? code)
    {
        code = Countries.IsKnown(cell) ? cell.ToUpperInvariant()
            : CountryByEnglishName.Value.TryGetValue(cell, out var named) ? named
            : null;
        return code is not null;
    }

    /// <summary>ISO 8601 (a date, or a date and time; without an offset it is UTC), or Google Forms' English (US) timestamp.</summary>
    private static bool TrySignedAt(string cell, out DateTime at)
    {
        at = default;
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (cell.Length >= 10 && char.IsAsciiDigit(cell[0]) && cell[4] == '-' && cell[7] == '-'
            && DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, styles, out var iso))
        {
            at = iso.UtcDateTime;
            return true;
        }
        if (DateTimeOffset.TryParseExact(cell, ["M/d/yyyy H:mm:ss", "M/d/yyyy h:mm:ss tt"], CultureInfo.InvariantCulture, styles, out var google))
        {
            at = google.UtcDateTime;
            return true;
        }
        return false;
    }
}
