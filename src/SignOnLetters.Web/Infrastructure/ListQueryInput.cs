using System.Text;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// The query string of a searched, filtered and paged list (the public signatory list, the
/// coordinators' signature table), read as typed: it is a link anyone can edit. A value the list
/// cannot use is dropped or corrected, and a notice in the reader's language says so; nothing in
/// it can make the page fail.
/// <para>
/// The page number arrives as a string because Razor Pages keeps its own route value named
/// "page" (the page's path, "/Letters/Signatories"): a handler parameter <c>int? page</c> is bound
/// from that route value first, fails to convert and stays null, so every "?page=N" showed page 1.
/// Handlers read it with <c>[FromQuery(Name = "page")]</c> and pass it here.
/// </para>
/// </summary>
public static class ListQueryInput
{
    public const int SearchMaxLength = 200;

    /// <summary>How much of a refused value a notice repeats.</summary>
    private const int EchoLength = 40;

    /// <summary>
    /// The search words, trimmed; control characters (a typed <c>%00</c> among them, which
    /// PostgreSQL refuses in a text parameter) become spaces; over-long input is cut. Null when nothing is left.
    /// </summary>
    public static string? Search(string? value, IStringLocalizer T, List<string> notices)
    {
        if (value is null)
            return null;
        if (value.Any(char.IsControl))
        {
            value = WithoutControlCharacters(value, ' ');
            notices.Add(T["Control characters were removed from the search."]);
        }
        value = value.Trim();
        if (value.Length > SearchMaxLength)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(value[SearchMaxLength - 1]) ? SearchMaxLength - 1 : SearchMaxLength;
            value = value[..cut].TrimEnd();
            notices.Add(T["The search was cut to its first {0} characters.", SearchMaxLength]);
        }
        return value.Length == 0 ? null : value;
    }

    /// <summary>An ISO 3166 code in upper case, or null (with a notice) when it names no country.</summary>
    public static string? Country(string? value, IStringLocalizer T, List<string> notices)
    {
        var country = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country))
            return null;
        if (Countries.IsKnown(country))
            return country;
        notices.Add(T["Unknown country \"{0}\" ignored.", Echo(value!)]);
        return null;
    }

    /// <summary>The page number asked for, from 1; anything else is page 1 with a notice. The list clamps it to its last page.</summary>
    public static int Page(string? value, IStringLocalizer T, List<string> notices)
    {
        if (string.IsNullOrWhiteSpace(value))
            return 1;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1)
            return page;
        notices.Add(T["Page \"{0}\" does not exist; showing the first page.", Echo(value)]);
        return 1;
    }

    /// <summary>A refused value as a notice repeats it: short, and without control characters.</summary>
    public static string Echo(string value)
    {
        value = WithoutControlCharacters(value, '\uFFFD');
        return value.Length <= EchoLength ? value : value[..EchoLength] + "…";
    }

    private static string WithoutControlCharacters(string value, char replacement)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
            builder.Append(char.IsControl(c) ? replacement : c);
        return builder.ToString();
    }
}

/// <summary>The model of the <c>_Pager</c> partial: where a paged list is, and the link to each of its pages.</summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link);
