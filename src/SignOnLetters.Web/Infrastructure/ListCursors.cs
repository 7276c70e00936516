using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// A position in a long list (issue 20), carried by the "Next" and "Previous" links of deep pages as
/// <c>after=…</c> / <c>before=…</c>, so that the next page is a seek from the last row shown instead
/// of counting past every row before it: a deep page costs what the first does. The position is
/// the sort key and the row's id, encrypted and signed with the app's Data Protection keys (shared
/// by every instance): a visitor sees neither ids (which would tell how many signatures, named or
/// not, came between two names) nor dates, and cannot forge one. A cursor that does not read back
/// (edited, from another list, keys rotated away) is ignored and the page number is used.
/// </summary>
public sealed class ListCursors(IDataProtectionProvider protection)
{
    /// <summary>
    /// Pages this close to either end are linked by their number alone (the addresses people
    /// bookmark and share stay "?page=N"): counting past them from the nearer end is cheap. Deeper
    /// pages' links carry a position.
    /// </summary>
    public const int ShallowPages = 20;

    /// <summary>Whether a link to <paramref name="page"/> should carry a position rather than count from an end.</summary>
    public static bool IsDeep(int page, int pageCount) => Math.Min(page - 1, pageCount - page) >= ShallowPages;

    private readonly IDataProtector _protector = protection.CreateProtector("SignOnLetters.ListCursors.v1");

    /// <summary>Longer input is no cursor of ours (a real one is about 100 characters).</summary>
    private const int MaxLength = 400;

    /// <summary>
    /// A page read from a position in two seeks: the rows of the position's own sort key beyond it
    /// (<paramref name="sameKey"/>), then, if the page is not full, the keys beyond
    /// (<paramref name="beyond"/>), both already in the list's order. One condition "key beyond, or
    /// same key and id beyond" is no index range to SQLite or PostgreSQL: they seek only the letter
    /// and walk its index up to the position (61 ms for a middle page of the public list at
    /// 1,000,000 on SQLite, 205 ms for the coordinators' table at 200,000 on PostgreSQL; each seek
    /// here is under a millisecond).
    /// </summary>
    public static Task<List<T>> PageFromAsync<T>(IQueryable<T> sameKey, IQueryable<T> beyond, int pageSize, CancellationToken cancellationToken) =>
        PageFromAsync(pageSize, cancellationToken, sameKey, beyond);

    /// <summary>A page read from consecutive ranges of the list, each in the list's order, until it is full (as above; a third range
    /// for the rows a sort key puts at one end, such as names that were erased).</summary>
    public static async Task<List<T>> PageFromAsync<T>(int pageSize, CancellationToken cancellationToken, params IQueryable<T>[] ranges)
    {
        var rows = new List<T>(pageSize);
        foreach (var range in ranges)
        {
            if (rows.Count == pageSize)
                break;
            rows.AddRange(await range.Take(pageSize - rows.Count).ToListAsync(cancellationToken));
        }
        return rows;
    }

    public string Create(string list, long sortKey, int id) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{list}|{sortKey}|{id}"));

    /// <summary>The position in <paramref name="list"/>, or null when <paramref name="value"/> is not one.</summary>
    public (long SortKey, int Id)? Read(string list, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
            return null;
        string text;
        try
        {
            text = _protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = text.Split('|');
        return parts.Length == 3 && parts[0] == list
               && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sortKey)
               && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (sortKey, id)
            : null;
    }
}
