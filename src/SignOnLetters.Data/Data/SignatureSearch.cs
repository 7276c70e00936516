using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data;

/// <summary>
/// The coordinators' search of a letter's signatures by name, organisation or e-mail (issue 20):
/// any part of any of the three, in any script, case ignored, found through an index rather than by
/// reading every row.
/// <list type="bullet">
/// <item>SQLite: an FTS5 table with the trigram tokenizer (substrings of three characters or more,
/// Unicode case folding; SQLite 3.34 and later, bundled with Microsoft.Data.Sqlite). Its rowid is
/// the signature's <see cref="KeyOf">letter key</see>, the letter in the high 32 bits and the id in the low
/// ones, so that a letter's matches are one rowid range of every term's list: FTS5 seeks to the
/// range and reads only the letter's own matches (issue 20: a 5,000-signature letter beside one of
/// 1,000,000 read every letter's matches of a common term, 423 ms). It is contentless (it stores
/// no copy of the rows; <c>contentless_delete</c>, SQLite 3.43 and later, lets a row be deleted without
/// its old words), kept in step by triggers, except for the bulk inserts (the group-commit writer and
/// the import), which fill it once per batch (<see cref="DeferInsertsSql"/>): a trigger fired once
/// per row cost the sign API a fifth of its throughput. The table and the triggers cannot be
/// described by EF's model, so the migration that adds them calls <see cref="CreateOnSqlite"/>
/// (regenerated migrations must keep that call; a migration that rebuilds <c>Signatures</c> loses
/// the triggers and must call it again).</item>
/// <item>PostgreSQL: the coordinators' search reads one stored column, <see cref="SearchTextColumn"/>, the
/// three lower-cased and joined by a control character, through a GIN index with pg_trgm's operator class and
/// the letter first, with a plain <c>LIKE</c> of the lower-cased term; the public list's search reads
/// the name's and the organisation's own trigram indexes with <c>ILIKE</c> (<see cref="ModelOnPostgres"/>,
/// declared in the model, <see cref="AppDbContext"/>).</item>
/// <item>SQL Server: no trigram index exists there; the search reads the letter's rows (the same
/// lower-cased LIKE as before), and says nothing different to the user.</item>
/// </list>
/// A term shorter than three characters (a two-character Chinese or Korean name) has no trigram to
/// look up: it is searched the plain way, which reads the letter's rows, on every provider.
/// </summary>
public static class SignatureSearch
{
    public const string SqliteTable = "SignatureSearch";

    /// <summary>
    /// A search counts its matches up to this many, in the coordinators' table and the public list
    /// alike. Past it the page says "more than" and pages through the first ones signed, sorted in the
    /// list's order (<see cref="FirstMatchesAsync"/>; in the list's order itself where no index gives
    /// signing order): counting every match of a common term would read them all on every page, and
    /// nobody reads 20 pages of one search.
    /// </summary>
    public const int CountLimit = 1_000;

    /// <summary>Characters a trigram holds; shorter terms are searched without the index.</summary>
    public const int ShortestIndexedTerm = 3;

    private const string Columns = "\"SignerName\", \"OrganisationName\", \"Email\"";

    /// <summary>
    /// The FTS5 rowid of a signature of <paramref name="table"/> (a table name or <c>new</c>/<c>old</c>
    /// in a trigger): its letter in the high 32 bits, its id in the low ones (both are positive 32-bit integers).
    /// </summary>
    private static string KeyOf(string table) => $"(({table}.\"LetterId\" << 32) + {table}.\"Id\")";

    /// <summary>The lowest and highest FTS5 rowid a letter's signatures can have.</summary>
    private static (long First, long Last) KeysOf(int letterId) => ((long)letterId << 32, ((long)letterId << 32) + uint.MaxValue);

    /// <summary>
    /// PostgreSQL: the coordinators' search column, <c>lower(name ␟ organisation ␟ e-mail)</c> (␟ is U+001F,
    /// which no search term holds: <see cref="Indexed"/>), stored. <c>ILIKE</c> lower-cases the value and the
    /// pattern on every row it tests (PostgreSQL's <c>ILIKE</c> on a multi-byte database is <c>lower(value) LIKE
    /// lower(pattern)</c>), three times a row for the three columns: the first 1,001 matches of a common name,
    /// read in id order from the primary key, tested 26,600 rows that way (35–130 ms warm at 1,000,000,
    /// 150–330 ms cold; docs/benchmarks.md, "The coordinators' search on PostgreSQL reads one lower-cased
    /// column"). Here each row is lower-cased once, when written, and a search is one byte-wise <c>LIKE</c>.
    /// The separator keeps a match inside one of the three: the term holds no U+001F, and <c>%</c> and <c>_</c>
    /// in it are escaped, so a match cannot span two columns. <c>lower</c> of the joined text is the joined
    /// <c>lower</c> of each (a character's case does not depend on its neighbours across a control character),
    /// so the rows found are those the three <c>ILIKE</c>s found.
    /// </summary>
    public const string SearchTextColumn = "SearchText";

    /// <summary>Joins the three columns in <see cref="SearchTextColumn"/>: a control character, which a search term never holds.</summary>
    private const char SearchTextSeparator = '\u001f';

    /// <summary>
    /// PostgreSQL: the trigram indexes, in the model so that every regenerated migration keeps them.
    /// Each holds the letter too (btree_gin's operator class for integers): with the column alone, a
    /// small letter's search intersected the letter's rows with every letter's matches of the term
    /// (a bitmap of 100,000 rows for a common name beside a letter of 1,000,000); with the letter in
    /// the same GIN index, the scan intersects the letter's entries with the term's inside the index.
    /// The name's and the organisation's serve the public list (a hidden name is not searched there);
    /// <see cref="SearchTextColumn"/>'s serves the coordinators' table, which had the e-mail's own index.
    /// </summary>
    internal static void ModelOnPostgres(ModelBuilder model)
    {
        model.HasPostgresExtension("pg_trgm");
        model.HasPostgresExtension("btree_gin");
        var signatures = model.Entity<Signature>();
        signatures.HasIndex(s => new { s.LetterId, s.SignerName }, "IX_Signatures_LetterId_SignerName_Trigram").HasMethod("gin").HasOperators("int4_ops", "gin_trgm_ops");
        signatures.HasIndex(s => new { s.LetterId, s.OrganisationName }, "IX_Signatures_LetterId_OrganisationName_Trigram").HasMethod("gin").HasOperators("int4_ops", "gin_trgm_ops");
        signatures.Property<string>(SearchTextColumn)
            .HasComputedColumnSql(
                $"lower(\"{nameof(Signature.SignerName)}\"::text || chr({(int)SearchTextSeparator}) || coalesce(\"{nameof(Signature.OrganisationName)}\"::text, '') "
                + $"|| chr({(int)SearchTextSeparator}) || coalesce(\"{nameof(Signature.Email)}\"::text, ''))",
                stored: true);
        signatures.HasIndex([nameof(Signature.LetterId), SearchTextColumn], "IX_Signatures_LetterId_SearchText_Trigram").HasMethod("gin").HasOperators("int4_ops", "gin_trgm_ops");
        // A common term's first matches in id order, tested in the index alone (no heap page read once the table
        // is vacuumed) and within the letter's own range: 13-17 ms warm at 1,000,000 where walking the primary key
        // and reading each row took 38-43 with the column and 69-106 with ILIKE (docs/benchmarks.md).
        NpgsqlIndexBuilderExtensions.IncludeProperties(signatures.HasIndex([nameof(Signature.LetterId), nameof(Signature.Id)], SearchOrderIndex), SearchTextColumn);
    }

    /// <summary>
    /// PostgreSQL: (LetterId, Id) with <see cref="SearchTextColumn"/> included: a letter's signatures in signing
    /// order with the text the coordinators' search tests, which an index-only scan walks for a common term.
    /// </summary>
    public const string SearchOrderIndex = "IX_Signatures_LetterId_Id_SearchText";

    /// <summary>
    /// The table whose one row, while a bulk insert's transaction holds it, stops the per-row insert
    /// trigger. Only that transaction sees the row (SQLite has one writer at a time, and readers see
    /// committed data), it is deleted before the commit and a rollback takes it away, so every other
    /// insert (SaveChanges: the representative flow, restore from backup, merges, any future path)
    /// keeps the trigger without having to know about the index.
    /// </summary>
    public const string DeferredTable = "SignatureSearchDeferred";

    /// <summary>Run first in a bulk insert's transaction: the rows it inserts skip the per-row trigger.</summary>
    public const string DeferInsertsSql = $"INSERT INTO \"{DeferredTable}\"(\"Deferred\") VALUES (1);";

    /// <summary>
    /// Run last in that transaction, with the lowest and highest id it inserted (<c>@first</c>,
    /// <c>@last</c>): one statement indexes them all (a third to a half of the per-row trigger's cost),
    /// then the trigger is on again. New rows take ids above every existing row, so the range holds
    /// only this transaction's rows. They go in in key order: FTS5 writes out its pending terms
    /// whenever a rowid is not above the last one, and a burst may hold several letters' signatures.
    /// </summary>
    public static readonly string IndexDeferredSql =
        $"INSERT INTO \"{SqliteTable}\"(rowid, {Columns}) SELECT {KeyOf("\"Signatures\"")}, {Columns} FROM \"Signatures\" WHERE \"Id\" BETWEEN @first AND @last ORDER BY 1; "
        + $"DELETE FROM \"{DeferredTable}\";";

    /// <summary>The FTS5 table, its triggers, and the rows already there.</summary>
    public static void CreateOnSqlite(MigrationBuilder migration)
    {
        migration.Sql($"CREATE VIRTUAL TABLE \"{SqliteTable}\" USING fts5({Columns}, content='', contentless_delete=1, tokenize='trigram');");
        migration.Sql($"INSERT INTO \"{SqliteTable}\"(rowid, {Columns}) SELECT {KeyOf("\"Signatures\"")}, {Columns} FROM \"Signatures\" ORDER BY 1;");
        // The insert trigger steps aside while a bulk insert's transaction holds a row in DeferredTable.
        migration.Sql($"CREATE TABLE \"{DeferredTable}\" (\"Deferred\" INTEGER NOT NULL PRIMARY KEY);");
        migration.Sql($"""
            CREATE TRIGGER "Signatures_SearchInsert" AFTER INSERT ON "Signatures" WHEN NOT EXISTS (SELECT 1 FROM "{DeferredTable}") BEGIN
              INSERT INTO "{SqliteTable}"(rowid, {Columns}) VALUES ({KeyOf("new")}, new."SignerName", new."OrganisationName", new."Email");
            END;
            """);
        migration.Sql($"""
            CREATE TRIGGER "Signatures_SearchDelete" AFTER DELETE ON "Signatures" BEGIN
              DELETE FROM "{SqliteTable}" WHERE rowid = {KeyOf("old")};
            END;
            """);
        // Erasure and anonymisation rewrite the names: the old words leave the index with them.
        migration.Sql($"""
            CREATE TRIGGER "Signatures_SearchUpdate" AFTER UPDATE OF "LetterId", {Columns} ON "Signatures" BEGIN
              DELETE FROM "{SqliteTable}" WHERE rowid = {KeyOf("old")};
              INSERT INTO "{SqliteTable}"(rowid, {Columns}) VALUES ({KeyOf("new")}, new."SignerName", new."OrganisationName", new."Email");
            END;
            """);
    }

    public static void DropOnSqlite(MigrationBuilder migration)
    {
        foreach (var trigger in new[] { "Signatures_SearchInsert", "Signatures_SearchDelete", "Signatures_SearchUpdate" })
            migration.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
        migration.Sql($"DROP TABLE IF EXISTS \"{DeferredTable}\";");
        migration.Sql($"DROP TABLE IF EXISTS \"{SqliteTable}\";");
    }

    /// <summary>
    /// The signatures among <paramref name="signatures"/> (letter <paramref name="letterId"/>'s, filtered
    /// or not) whose name, organisation or e-mail contains <paramref name="term"/>, case ignored.
    /// </summary>
    public static IQueryable<Signature> Matching(AppDbContext db, int letterId, IQueryable<Signature> signatures, string term)
    {
        if (Indexed(db, term) && db.Database.IsSqlite())
        {
            var found = FoundOnSqlite(db, letterId, "", term);
            return signatures.Where(s => found.Contains(s.Id));
        }
        if (Indexed(db, term) && db.Database.IsNpgsql())
        {
            var found = MatchingOnPostgres(db, term);
            return signatures.Where(s => found.Any(f => f.Id == s.Id));
        }
        return LowerCasedContains(signatures, term.ToLowerInvariant());
    }

    /// <summary>
    /// The public list's search: the signatures whose organisation, or whose name where the name is
    /// shown (<see cref="PublicSignatory.Shown"/>: "name and organisation" only), contains
    /// <paramref name="term"/>. A hidden name and every e-mail address are never looked at, through
    /// the same indexes as <see cref="Matching"/>: a hidden signer's name costs one more row to
    /// reject, so neither the answer nor its time tells a stranger that they signed.
    /// </summary>
    public static IQueryable<Signature> MatchingShown(AppDbContext db, int letterId, IQueryable<Signature> signatures, string term)
    {
        const SignatureVisibility named = SignatureVisibility.NameAndOrganisation;
        if (Indexed(db, term) && db.Database.IsSqlite())
        {
            var byOrganisation = FoundOnSqlite(db, letterId, "OrganisationName : ", term);
            var byName = FoundOnSqlite(db, letterId, "SignerName : ", term);
            return signatures.Where(s => byOrganisation.Contains(s.Id) || (s.Visibility == named && byName.Contains(s.Id)));
        }
        if (Indexed(db, term) && db.Database.IsNpgsql())
        {
            var pattern = IlikePattern(term);
            return signatures.Where(s => (s.OrganisationName != null && EF.Functions.ILike(s.OrganisationName, pattern, "\\"))
                                         || (s.Visibility == named && EF.Functions.ILike(s.SignerName, pattern, "\\")));
        }
        var lower = term.ToLowerInvariant();
        return signatures.Where(s => (s.OrganisationName != null && s.OrganisationName.ToLower().Contains(lower))
                                     || (s.Visibility == named && s.SignerName.ToLower().Contains(lower)));
    }

    /// <summary>
    /// The ids of the first <see cref="CountLimit"/> + 1 of letter <paramref name="letterId"/>'s signatures
    /// that <paramref name="filter"/> keeps and whose name, organisation or e-mail contains
    /// <paramref name="term"/>, in signing order: the coordinators' search, counted and paged from these
    /// alone. Fewer than the limit plus one is every match; more, and "the first 1,000" are the first
    /// signed, whatever the table's order. Null where the search has no index (SQL Server, a term shorter
    /// than a trigram, which reads the letter's rows): count up to the limit and page through the first in
    /// the list's order (<see cref="Matching"/>).
    /// </summary>
    public static async Task<List<int>?> FirstMatchesAsync(AppDbContext db, int letterId, string term,
        Func<IQueryable<Signature>, IQueryable<Signature>> filter, CancellationToken cancellationToken)
    {
        if (!Indexed(db, term))
            return null;
        if (!db.Database.IsSqlite())
            return await FirstByIdAsync(db, filter(MatchingOnPostgres(db, term).Where(s => s.LetterId == letterId)), cancellationToken);
        var (first, last) = KeysOf(letterId);
        return await (from match in IndexMatches(db, "", term, first, last)
                      from s in filter(db.Signatures)
                      where s.Id == match.Id
                      orderby match.Key
                      select s.Id).Take(CountLimit + 1).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The public list's search as <see cref="FirstMatchesAsync"/>: the ids of the first <see cref="CountLimit"/>
    /// + 1 signatures <paramref name="filter"/> keeps (the listing rule, the country) whose organisation, or
    /// whose shown name (<see cref="MatchingShown"/>), contains <paramref name="term"/>, in signing order.
    /// <para>On SQLite, each round reads the next candidates in key order from both shown columns of the
    /// index at once (<c>{SignerName OrganisationName}</c>: one scan, which stops as soon as enough are
    /// found), then the organisation matches among the keys those candidates span, to tell a name match
    /// from an organisation match: a candidate whose name is not shown stays only if its organisation
    /// matched. Reading the two sets apart and merging them had to read every index entry of whichever
    /// set was empty ("org" is in every e-mail, but in no shown name: 60-160 ms), and an organisation
    /// test per candidate cost a full FTS5 query each (1.2 s for "смирнова"). Every round runs both
    /// statements whatever the first found, so a hidden signer's name costs what a name that never signed
    /// does: the same statements, and one row more to reject.</para>
    /// </summary>
    public static async Task<List<int>?> FirstShownMatchesAsync(AppDbContext db, int letterId, string term,
        Func<IQueryable<Signature>, IQueryable<Signature>> filter, CancellationToken cancellationToken)
    {
        if (!Indexed(db, term))
            return null;
        if (!db.Database.IsSqlite())
            return await FirstByIdAsync(db, filter(MatchingShown(db, letterId, db.Signatures.Where(s => s.LetterId == letterId), term)), cancellationToken);
        const SignatureVisibility named = SignatureVisibility.NameAndOrganisation;
        var (start, last) = KeysOf(letterId);
        var found = new List<int>();
        do
        {
            var wanted = CountLimit + 1 - found.Count;
            var candidates = await (from match in IndexMatches(db, "{SignerName OrganisationName} : ", term, start, last)
                                    from s in filter(db.Signatures)
                                    where s.Id == match.Id
                                    orderby match.Key
                                    select new { match.Key, s.Id, s.Visibility }).Take(wanted).ToListAsync(cancellationToken);
            // Past the last candidate read, the next round looks (or, with fewer than wanted, no match is left).
            var reached = candidates.Count == wanted ? candidates[^1].Key : last;
            var byOrganisation = (await IndexMatches(db, "OrganisationName : ", term, start, reached).Select(m => m.Key)
                .ToListAsync(cancellationToken)).ToHashSet();
            found.AddRange(candidates.Where(c => c.Visibility == named || byOrganisation.Contains(c.Key)).Select(c => c.Id));
            start = reached + 1;
        }
        while (found.Count <= CountLimit && start <= last);
        return found;
    }

    /// <summary>
    /// PostgreSQL: the first matches by id. Its trigram indexes give a bitmap of the matches, in no order; the
    /// planner either walks the primary key and stops at the limit (a common term) or sorts the few matches
    /// (a rare one). At 1,000,000, one such statement cost less than the capped count and the page's walk it
    /// replaces (docs/benchmarks.md, "Capped searches read at most 1,001 matches"). For the coordinators'
    /// search both plans test one lower-cased column per row (<see cref="SearchTextColumn"/>): sorting a common
    /// name's every match from the index cost more than the walk (37,000 rows rechecked: 96 ms warm, 586 ms cold,
    /// against the walk's 57 and 215), so it is the test of each row that was made cheap, not the walk avoided.
    /// <para>
    /// Which plan is right depends on the term, so the statement is planned with its term every time: the
    /// connection strings prepare repeated statements (<c>DatabaseProviderSetup</c>), and PostgreSQL plans a
    /// prepared statement once for any parameters after five executions when that generic plan looks no dearer
    /// than the ones it made (plan_cache_mode auto). Knowing nothing of the pattern, the generic plan walks the
    /// letter's (letter, id) index testing every row; after some searches for a common name it answered one
    /// e-mail address at 1,000,000 in 605 ms (p50, two quiet scale runs; auto_explain showed the plan) against
    /// 45 ms when planned with the term.
    /// </para>
    /// </summary>
    private static async Task<List<int>> FirstByIdAsync(AppDbContext db, IQueryable<Signature> matching, CancellationToken cancellationToken)
    {
        var firstMatches = matching.OrderBy(s => s.Id).Select(s => s.Id).Take(CountLimit + 1);
        if (!db.Database.IsNpgsql())
            return await firstMatches.ToListAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET plan_cache_mode = force_custom_plan", cancellationToken);
            return await firstMatches.ToListAsync(cancellationToken);
        }
        finally
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync("RESET plan_cache_mode", CancellationToken.None);
            }
            catch (System.Data.Common.DbException)
            {
                // A broken connection: the pool discards it, and its setting with it.
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A match in the FTS5 index: its key (the rowid, letter and id) and the signature's id.</summary>
    private sealed class IndexMatch
    {
        public long Key { get; set; }
        public int Id { get; set; }
    }

    /// <summary>
    /// The FTS5 matches of the term as one phrase in the columns <paramref name="columnFilter"/> names, with keys
    /// from <paramref name="first"/> to <paramref name="last"/> (within one letter's range), in key order when
    /// ordered by <see cref="IndexMatch.Key"/> (FTS5 gives its rowids in order: no sort). Composed as
    /// <c>from match … from s in signatures where s.Id == match.Id</c>, EF writes a <c>CROSS JOIN</c>, which
    /// SQLite keeps in that order: the index leads and each row is looked up by key.
    /// </summary>
    private static IQueryable<IndexMatch> IndexMatches(AppDbContext db, string columnFilter, string term, long first, long last)
    {
        var query = PhraseQuery(columnFilter, term);
        return db.Database.SqlQuery<IndexMatch>(
            $"SELECT rowid AS \"Key\", (rowid & 4294967295) AS \"Id\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH {query} AND rowid BETWEEN {first} AND {last}");
    }

    /// <summary>
    /// Whether a trigram index can answer <paramref name="term"/> (SQL Server has none). A term holding
    /// <see cref="SearchTextSeparator"/> could match across two of PostgreSQL's joined columns: the page's
    /// input never has one (control characters become spaces), and any other caller's is searched the plain way.
    /// </summary>
    private static bool Indexed(AppDbContext db, string term) =>
        // Characters as SQLite and PostgreSQL count them (an emoji is one), not UTF-16 units.
        term.EnumerateRunes().Count() >= ShortestIndexedTerm
        && (db.Database.IsSqlite() || (db.Database.IsNpgsql() && !term.Contains(SearchTextSeparator, StringComparison.Ordinal)));

    /// <summary>
    /// PostgreSQL: every signature (of any letter: the caller adds its letter) whose name, organisation or e-mail
    /// contains <paramref name="term"/>, case ignored: <see cref="SearchTextColumn"/> <c>LIKE lower(pattern)</c>, the
    /// term lower-cased by PostgreSQL's own <c>lower</c> (as <c>ILIKE</c> does, and as the column was), never .NET's.
    /// Composed by EF as a subquery, which PostgreSQL folds into the statement around it.
    /// </summary>
    private static IQueryable<Signature> MatchingOnPostgres(AppDbContext db, string term)
    {
        var pattern = IlikePattern(term);
        return db.Signatures.FromSqlRaw($"SELECT * FROM \"Signatures\" WHERE \"{SearchTextColumn}\" LIKE lower(CAST({{0}} AS text)) ESCAPE '\\'", pattern);
    }

    /// <summary>
    /// The ids of the letter's signatures matching the term as one phrase (its trigrams in order: a
    /// substring), in the columns <paramref name="columnFilter"/> names: the letter's rowid range of the FTS5 table.
    /// </summary>
    private static IQueryable<int> FoundOnSqlite(AppDbContext db, int letterId, string columnFilter, string term)
    {
        var query = PhraseQuery(columnFilter, term);
        var (first, last) = KeysOf(letterId);
        return db.Database.SqlQuery<int>(
            $"SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH {query} AND rowid BETWEEN {first} AND {last}");
    }

    /// <summary>An FTS5 query for the term as one phrase, quotes doubled: never read as FTS5 syntax.</summary>
    private static string PhraseQuery(string columnFilter, string term) =>
        columnFilter + "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>An ILIKE pattern for "contains", with the escape character named: Npgsql otherwise sends ESCAPE '' and "100%" would match "100".</summary>
    private static string IlikePattern(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static IQueryable<Signature> LowerCasedContains(IQueryable<Signature> signatures, string lower)
    {
        // Lower-cased on both sides: the same on every provider (SQLite's LIKE and instr differ
        // from PostgreSQL's in case handling). EF escapes the term.
        return signatures.Where(s => s.SignerName.ToLower().Contains(lower)
                                     || (s.OrganisationName != null && s.OrganisationName.ToLower().Contains(lower))
                                     || (s.Email != null && s.Email.ToLower().Contains(lower)));
    }
}
