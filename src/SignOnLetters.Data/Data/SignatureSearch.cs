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
/// <item>PostgreSQL: GIN indexes with pg_trgm's operator class on the three columns, each with the
/// letter first (<see cref="ModelOnPostgres"/>), declared in the model (<see cref="AppDbContext"/>),
/// searched with <c>ILIKE</c>.</item>
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
    /// alike. Past it the page says "more than" and pages through the first ones in the list's order:
    /// counting every match of a common term would read them all on every page, and nobody reads 20
    /// pages of one search.
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
    /// PostgreSQL: the trigram indexes, in the model so that every regenerated migration keeps them.
    /// Each holds the letter too (btree_gin's operator class for integers): with the column alone, a
    /// small letter's search intersected the letter's rows with every letter's matches of the term
    /// (a bitmap of 100,000 rows for a common name beside a letter of 1,000,000); with the letter in
    /// the same GIN index, the scan intersects the letter's entries with the term's inside the index.
    /// </summary>
    internal static void ModelOnPostgres(ModelBuilder model)
    {
        model.HasPostgresExtension("pg_trgm");
        model.HasPostgresExtension("btree_gin");
        var signatures = model.Entity<Signature>();
        signatures.HasIndex(s => new { s.LetterId, s.SignerName }, "IX_Signatures_LetterId_SignerName_Trigram").HasMethod("gin").HasOperators("int4_ops", "gin_trgm_ops");
        signatures.HasIndex(s => new { s.LetterId, s.OrganisationName }, "IX_Signatures_LetterId_OrganisationName_Trigram").HasMethod("gin").HasOperators("int4_ops", "gin_trgm_ops");
        signatures.HasIndex(s => new { s.LetterId, s.Email }, "IX_Signatures_LetterId_Email_Trigram").HasMethod("gin").HasOperators("int4_ops", "gin_trgm_ops");
    }

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
            var pattern = IlikePattern(term);
            return signatures.Where(s => EF.Functions.ILike(s.SignerName, pattern, "\\")
                                         || (s.OrganisationName != null && EF.Functions.ILike(s.OrganisationName, pattern, "\\"))
                                         || (s.Email != null && EF.Functions.ILike(s.Email, pattern, "\\")));
        }
        return LowerCasedContains(signatures, term.ToLowerInvariant());
    }

    /// <summary>
    /// The same signatures as <see cref="Matching"/>, but read starting from the index's matches, for
    /// the statements that must see them all or only a few: the count of matches and a page of a
    /// search that matches few rows. On SQLite, <see cref="Matching"/> (an <c>IN</c> of the index's
    /// matches) lets the planner walk the letter's sort index and test each row: cheap for the first
    /// page of a common term, but a count or a rare term then reads every index entry of the letter
    /// (the count was most of the search's 580 ms at 1,000,000). Here the index's rows lead, in a
    /// <c>CROSS JOIN</c> (SQLite keeps that order; a plain join let it probe the FTS5 table once per
    /// row of the letter, seconds), and each is looked up by primary key. The result is letter
    /// <paramref name="letterId"/>'s signatures only; compose the filters on it. PostgreSQL and SQL
    /// Server get the same query as <see cref="Matching"/> over the letter.
    /// </summary>
    public static IQueryable<Signature> MatchingFromIndex(AppDbContext db, int letterId, string term)
    {
        var letter = db.Signatures.Where(s => s.LetterId == letterId);
        if (!Indexed(db, term) || !db.Database.IsSqlite())
            return Matching(db, letterId, letter, term);
        var query = PhraseQuery("", term);
        var (first, last) = KeysOf(letterId);
        // The letter's rowid range makes FTS5 read the letter's own matches only; the letter test
        // on the rows is what any other filter would be, a check of the row looked up by key.
        return db.Signatures.FromSql(
            $"SELECT \"s\".* FROM (SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH {query} AND rowid BETWEEN {first} AND {last}) AS \"f\" CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\"")
            .Where(s => s.LetterId == letterId);
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
    /// The same signatures as <see cref="MatchingShown"/> over the letter, read starting from the index's
    /// matches (as <see cref="MatchingFromIndex"/> is for <see cref="Matching"/>): for the public list's
    /// count of a search and a page of a search that matches few rows. On SQLite, two disjoint sets, each
    /// the index's rows led into a <c>CROSS JOIN</c> and looked up by key: the organisation matches, and
    /// the name matches whose organisation does not match (FTS5's <c>NOT</c>: no signature twice) whose
    /// name is shown. A hidden name is found in the index and rejected by its row, as before. The result
    /// is letter <paramref name="letterId"/>'s signatures, every state: compose the listing rule and the
    /// filters on it. PostgreSQL and SQL Server get <see cref="MatchingShown"/> over the letter.
    /// </summary>
    public static IQueryable<Signature> MatchingShownFromIndex(AppDbContext db, int letterId, string term)
    {
        var letter = db.Signatures.Where(s => s.LetterId == letterId);
        if (!Indexed(db, term) || !db.Database.IsSqlite())
            return MatchingShown(db, letterId, letter, term);
        var byOrganisation = PhraseQuery("OrganisationName : ", term);
        var byNameOnly = PhraseQuery("SignerName : ", term) + " NOT " + byOrganisation;
        var (first, last) = KeysOf(letterId);
        var named = (int)SignatureVisibility.NameAndOrganisation;
        return db.Signatures.FromSql($"""
            SELECT "s".* FROM (SELECT (rowid & 4294967295) AS "Value" FROM "SignatureSearch" WHERE "SignatureSearch" MATCH {byOrganisation} AND rowid BETWEEN {first} AND {last}) AS "f"
              CROSS JOIN "Signatures" AS "s" ON "s"."Id" = "f"."Value"
            UNION ALL
            SELECT "s".* FROM (SELECT (rowid & 4294967295) AS "Value" FROM "SignatureSearch" WHERE "SignatureSearch" MATCH {byNameOnly} AND rowid BETWEEN {first} AND {last}) AS "f"
              CROSS JOIN "Signatures" AS "s" ON "s"."Id" = "f"."Value" WHERE "s"."Visibility" = {named}
            """)
            .Where(s => s.LetterId == letterId);
    }

    /// <summary>Whether a trigram index can answer <paramref name="term"/> (SQL Server has none).</summary>
    private static bool Indexed(AppDbContext db, string term) =>
        // Characters as SQLite and PostgreSQL count them (an emoji is one), not UTF-16 units.
        term.EnumerateRunes().Count() >= ShortestIndexedTerm && (db.Database.IsSqlite() || db.Database.IsNpgsql());

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
