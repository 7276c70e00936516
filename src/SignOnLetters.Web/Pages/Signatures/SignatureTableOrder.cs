using SortOrder = SignOnLetters.Web.Pages.Signatures.Index.SortOrder;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The coordinators' table's orders as the database reads them (issue 20): each through an index of
/// (letter, key, id) — the date, the country, or the name the row shows first
/// (<see cref="SignatureSortKeys"/>) — so that a page can start after any row's place with seeks
/// instead of counting past the rows before it: from a "Next" or "Previous" link's position, or from
/// the page's boundary (<see cref="PageBoundaries"/>).
/// </summary>
internal static class SignatureTableOrder
{
    /// <summary>
    /// A row's place in an order: its date in ticks or its country's two letters as a number
    /// (<see cref="SortKey"/>), or the name it is sorted by (<see cref="Name"/>: null for an
    /// organisation whose name was erased); then its id.
    /// </summary>
    public readonly record struct Position(long SortKey, string? Name, int Id)
    {
        /// <summary>What a position holds outside itself (its name's characters), for the boundary tables' memory limit.</summary>
        public static int HeapBytes(Position position) => position.Name is null ? 0 : 24 + 2 * position.Name.Length;
    }

    public static IQueryable<Signature> Sorted(IQueryable<Signature> signatures, SortOrder sort, bool backwards = false) => (sort, backwards) switch
    {
        (SortOrder.Oldest, false) or (SortOrder.Newest, true) => signatures.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id),
        // The name the row shows first (organisation or person), a generated column with its own
        // index of (letter, name, id): then in signing order, as that index holds it (SignatureSortKeys).
        (SortOrder.Name, false) => signatures.OrderBy(s => EF.Property<string>(s, SignatureSortKeys.Name)).ThenBy(s => s.Id),
        (SortOrder.Name, true) => signatures.OrderByDescending(s => EF.Property<string>(s, SignatureSortKeys.Name)).ThenByDescending(s => s.Id),
        (SortOrder.Country, false) => signatures.OrderBy(s => s.CountryCode).ThenBy(s => s.Id),
        (SortOrder.Country, true) => signatures.OrderByDescending(s => s.CountryCode).ThenByDescending(s => s.Id),
        _ => signatures.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id),
    };

    /// <summary>Every row's place in the order, read from its index alone (the scan a table of page boundaries is built from).</summary>
    public static IAsyncEnumerable<Position> Positions(IQueryable<Signature> signatures, SortOrder sort) => sort switch
    {
        SortOrder.Name => Sorted(signatures, sort).Select(s => new Position(0, EF.Property<string?>(s, SignatureSortKeys.Name), s.Id)).AsStreamed(),
        SortOrder.Country => Sorted(signatures, sort).Select(s => new { s.CountryCode, s.Id }).AsStreamed().Select(r => new Position(CountryKey(r.CountryCode), null, r.Id)),
        _ => Sorted(signatures, sort).Select(s => new { s.CreatedAt, s.Id }).AsStreamed().Select(r => new Position(r.CreatedAt.Ticks, null, r.Id)),
    };

    /// <summary>A row's place as a "Next"/"Previous" link carries it: a number (the name order has no such links, its key is text).</summary>
    public static long SortKey(Index.Row row, SortOrder sort) => sort == SortOrder.Country ? CountryKey(row.CountryCode) : row.CreatedAt.Ticks;

    private static long CountryKey(string countryCode) => countryCode[0] * 65536L + countryCode[1];

    /// <summary>
    /// The ids after <paramref name="position"/> in the order (before it, going backwards) as
    /// ranges, each one seek in the order's index and already in the order, to be read one after
    /// the other (<see cref="ListCursors.PageFromAsync{T}(int, CancellationToken, IQueryable{T}[])"/>):
    /// the rest of the position's own key (the same date, country or name; the ids beyond), then
    /// the keys beyond it, and for names the rows without one where the database sorts them.
    /// </summary>
    /// <param name="nullsSortLast">Whether the database puts rows without a name after the others in ascending
    /// order (PostgreSQL) or before them (SQLite, SQL Server).</param>
    public static IQueryable<int>[] After(IQueryable<Signature> signatures, SortOrder sort, Position position, bool forwards, bool nullsSortLast)
    {
        var id = position.Id;
        // Whether the travel runs down the index's keys (newest first runs down them forwards).
        var descending = sort == SortOrder.Newest ? forwards : !forwards;
        var idBeyond = descending ? signatures.Where(s => s.Id < id) : signatures.Where(s => s.Id > id);
        IQueryable<int> Ids(IQueryable<Signature> range) => Sorted(range, sort, backwards: !forwards).Select(s => s.Id);
        switch (sort)
        {
            case SortOrder.Country:
            {
                var country = new string([(char)(position.SortKey / 65536), (char)(position.SortKey % 65536)]);
                return
                [
                    Ids(idBeyond.Where(s => s.CountryCode == country)),
                    Ids(descending ? signatures.Where(s => string.Compare(s.CountryCode, country) < 0) : signatures.Where(s => string.Compare(s.CountryCode, country) > 0)),
                ];
            }
            case SortOrder.Name:
            {
                var name = position.Name;
                // In the direction of travel, rows without a name come first when the travel runs up the
                // keys and the database sorts them first, or down the keys and it sorts them last.
                var namelessFirst = descending == nullsSortLast;
                if (name is null)
                {
                    var namelessBeyond = Ids(idBeyond.Where(s => EF.Property<string?>(s, SignatureSortKeys.Name) == null));
                    return namelessFirst
                        ? [namelessBeyond, Ids(signatures.Where(s => EF.Property<string?>(s, SignatureSortKeys.Name) != null))]
                        : [namelessBeyond];
                }
                IQueryable<int>[] ranges =
                [
                    Ids(idBeyond.Where(s => EF.Property<string>(s, SignatureSortKeys.Name) == name)),
                    Ids(descending
                        ? signatures.Where(s => string.Compare(EF.Property<string>(s, SignatureSortKeys.Name), name) < 0)
                        : signatures.Where(s => string.Compare(EF.Property<string>(s, SignatureSortKeys.Name), name) > 0)),
                ];
                return namelessFirst ? ranges : [.. ranges, Ids(signatures.Where(s => EF.Property<string?>(s, SignatureSortKeys.Name) == null))];
            }
            default:
            {
                var at = new DateTime(position.SortKey, DateTimeKind.Utc);
                return
                [
                    Ids(idBeyond.Where(s => s.CreatedAt == at)),
                    Ids(descending ? signatures.Where(s => s.CreatedAt < at) : signatures.Where(s => s.CreatedAt > at)),
                ];
            }
        }
    }
}
