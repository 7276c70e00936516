// The searches of both lists at 1,000,000 (issue 20). Branch pubsearch2 ("after" below; "before" is what
// main sent until then): a search reads its first 1,001 matches in signing order from the FTS5 index
// (SignatureSearch.FirstShownMatchesAsync / FirstMatchesAsync, the index leading a CROSS JOIN ordered by its
// rowid), counts them and sorts only those for the page (Id IN the 1,000 ids, as EF 10 sends them: one
// parameter each). The public list's rows first, then the coordinators' table (newest first, the
// IX_Signatures_LetterId_CreatedAt_Id walk it had past the limit). Branch pubsearch's notes follow.
//
// The public signatory list's search at 1,000,000 (issue 20): what one request's search statements
// cost before this change (the count walked the letter's listed rows, testing each against the
// index's matches; the page's keys walked them in the list's order) and after it (the count read from
// the index's matches, each looked up by key, up to the limit of 1,000 plus one; then the page's keys:
// past the limit the same walk in the list's order, which stops at the page; under it the matches
// sorted). The statements mirror the SQL EF sends from Pages/Letters/Signatories and
// SignatureSearch.MatchingShown / MatchingShownFromIndex (keep them in step). The 50 rows read by key
// afterwards are the same before and after, and left out. Process CPU time (this loop is the only
// thread doing work), before and after alternated, median of the rounds; SQLite as the app bundles it.
// The database is made when the file does not exist: one letter of BIG signatures in the app's shape
// for these statements (state, kind, visibility, names, organisations, the IX_Signatures_PublicList
// index, the letter-keyed FTS5 index as SignatureSearch.CreateOnSqlite writes it).
// usage: dotnet run bench/SearchBeside/public-search.cs -- DB TERM[,TERM…] [ROUNDS] [BIG]
#:package Microsoft.Data.Sqlite
using System.Diagnostics;
using Microsoft.Data.Sqlite;

var (path, terms) = (args[0], args[1].Split(','));
var rounds = args.Length > 2 ? int.Parse(args[2]) : 11;
using var db = new SqliteConnection($"Data Source={path}");
if (!File.Exists(path))
{
    var big = args.Length > 3 ? int.Parse(args[3]) : 1_000_000;
    db.Open();
    var made = Stopwatch.StartNew();
    Execute("PRAGMA journal_mode=WAL");
    Execute("""
        CREATE TABLE "Signatures" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "LetterId" INTEGER NOT NULL, "State" INTEGER NOT NULL, "Kind" INTEGER NOT NULL,
          "Visibility" INTEGER NOT NULL, "SignerName" TEXT NOT NULL, "OrganisationName" TEXT, "Email" TEXT, "CountryCode" TEXT NOT NULL);
        CREATE INDEX "IX_Signatures_PublicList" ON "Signatures" ("LetterId", "State", "Kind", "Id", "Visibility", "OrganisationName");
        """);
    // One in five an organisation ("Organisation N"), one in three of the others with an employer; one in
    // eleven counted, not named; one in thirteen "organisation only"; one in seventeen withdrawn.
    Execute($"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {big}),
          first(k, name) AS (VALUES (0, 'John'), (1, 'Maria'), (2, 'Anna'), (3, 'Peter'), (4, 'Ольга'), (5, 'Ahmed'), (6, 'Li'), (7, 'Sofia'), (8, 'Иван'), (9, 'Chen'), (10, 'Marta'), (11, 'Jean')),
          last(k, name) AS (VALUES (0, 'Smith'), (1, 'Martin'), (2, 'García'), (3, 'Смирнова'), (4, 'Müller'), (5, 'Rossi'), (6, 'Nguyen'), (7, 'Kowalski'), (8, 'Dubois'), (9, 'Silva'))
        INSERT INTO "Signatures" ("LetterId", "State", "Kind", "Visibility", "SignerName", "OrganisationName", "Email", "CountryCode")
        SELECT 1, CASE WHEN i % 17 = 0 THEN 4 ELSE 2 END, CASE WHEN i % 5 = 0 THEN 0 ELSE 1 END,
               CASE WHEN i % 11 = 0 THEN 2 WHEN i % 13 = 0 THEN 1 ELSE 0 END,
               CASE WHEN i = {big / 2} THEN 'Rare Person' ELSE (SELECT name FROM first WHERE k = (i * 7) % 12) || ' ' || (SELECT name FROM last WHERE k = (i * 13) % 10) END,
               CASE WHEN i % 5 = 0 THEN 'Organisation ' || (i % 997) WHEN i % 3 = 0 THEN 'Universidade ' || (i % 50) END,
               'p' || i || '.' || (i % 89) || '@example.org', 'PT'
        FROM n;
        """);
    const string cols = "\"SignerName\", \"OrganisationName\", \"Email\"";
    Execute($"CREATE VIRTUAL TABLE \"SignatureSearch\" USING fts5({cols}, content='', contentless_delete=1, tokenize='trigram');");
    Execute($"INSERT INTO \"SignatureSearch\"(rowid, {cols}) SELECT ((\"Signatures\".\"LetterId\" << 32) + \"Signatures\".\"Id\"), {cols} FROM \"Signatures\" ORDER BY 1;");
    Execute("ANALYZE");
    Console.WriteLine($"made {path}: {big:N0} signatures and the letter-keyed index in {made.Elapsed.TotalSeconds:N0} s");
}
else
    db.Open();
if (Scalar("SELECT COUNT(*) FROM pragma_table_info('Signatures') WHERE name = 'CreatedAt'") == 0)
{
    // The coordinators' table's date order (added to a database made before branch pubsearch2): one second apart, in id order.
    Execute("ALTER TABLE \"Signatures\" ADD COLUMN \"CreatedAt\" TEXT NOT NULL DEFAULT ''");
    Execute("UPDATE \"Signatures\" SET \"CreatedAt\" = datetime(1767225600 + \"Id\", 'unixepoch')");
    Execute("CREATE INDEX \"IX_Signatures_LetterId_CreatedAt_Id\" ON \"Signatures\" (\"LetterId\", \"CreatedAt\", \"Id\")");
    Execute("ANALYZE");
}
Console.WriteLine($"SQLite {Text("SELECT sqlite_version()")}; {Scalar("SELECT COUNT(*) FROM \"Signatures\""):N0} signatures");

const string range = "rowid BETWEEN (1 << 32) AND (1 << 32) + 4294967295";
const string listed = "\"s\".\"State\" = 2 AND (\"s\".\"Visibility\" = 0 OR (\"s\".\"Visibility\" = 1 AND \"s\".\"OrganisationName\" IS NOT NULL))";
// SignatureSearch.MatchingShown over the listed rows: the rows lead, each tested against the index's matches.
const string walked = $"FROM \"Signatures\" AS \"s\" WHERE \"s\".\"LetterId\" = 1 AND {listed} AND (\"s\".\"Id\" IN (SELECT (rowid & 4294967295) FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @org AND {range}) "
    + $"OR (\"s\".\"Visibility\" = 0 AND \"s\".\"Id\" IN (SELECT (rowid & 4294967295) FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @name AND {range})))";
// SignatureSearch.MatchingShownFromIndex: the index's matches lead, each row looked up by key.
const string fromIndex = $"FROM (SELECT \"s\".* FROM (SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @org AND {range}) AS \"f\" CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\" "
    + $"UNION ALL SELECT \"s\".* FROM (SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @nameonly AND {range}) AS \"f\" CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\" WHERE \"s\".\"Visibility\" = 0) AS \"s\" "
    + $"WHERE \"s\".\"LetterId\" = 1 AND {listed}";
const string countBefore = $"SELECT COUNT(*) {walked}";
const string countAfter = $"SELECT COUNT(*) FROM (SELECT 1 {fromIndex} LIMIT 1001)";
const string pageWalked = $"SELECT COUNT(*) FROM (SELECT \"s\".\"Kind\", \"s\".\"Id\" {walked} ORDER BY \"s\".\"Kind\", \"s\".\"Id\" LIMIT 50 OFFSET @offset)";
const string pageSorted = $"SELECT COUNT(*) FROM (SELECT \"s\".\"Kind\", \"s\".\"Id\" {fromIndex} ORDER BY \"s\".\"Kind\", \"s\".\"Id\" LIMIT 50 OFFSET @offset)";

Console.WriteLine($"{rounds} rounds, alternated; SQLite CPU per request's search statements (count + page keys), median");
Console.WriteLine("| term | page | matches (all → counted) | walk (pubsearch's before) | main: count + keys | pubsearch2: first 1,001 + keys | pubsearch2 / main |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var term in terms)
{
    var phrase = "\"" + term.Replace("\"", "\"\"") + "\"";
    var parameters = new (string, object)[] { ("@org", "OrganisationName : " + phrase), ("@name", "SignerName : " + phrase),
        ("@nameonly", "SignerName : " + phrase + " NOT OrganisationName : " + phrase), ("@all", phrase) };
    foreach (var page in new[] { 1, 20 })
    {
        var (before, after, afterCount) = (new List<double>(), new List<double>(), new List<double>());
        long counted0 = 0, counted1 = 0;
        List<long> first = [];
        for (var round = 0; round < rounds; round++)
        {
            before.Add(Cpu(() =>
            {
                counted0 = Scalar(countBefore, parameters);
                // Before, a page past the middle counted from the end; the statement's cost is the same walk.
                Scalar(pageWalked, [.. parameters, ("@offset", (page - 1) * 50)]);
            }));
            // Before (main until pubsearch2): the count from the index, then past the limit the walk in the list's order.
            after.Add(Cpu(() =>
            {
                counted1 = Scalar(countAfter, parameters);
                Scalar(counted1 > 1000 ? pageWalked : pageSorted, [.. parameters, ("@offset", (page - 1) * 50)]);
            }));
            afterCount.Add(Cpu(() =>
            {
                first = FirstShown(phrase);
                PageOfIds(first, "\"s\".\"Kind\", \"s\".\"Id\"", page);
            }));
        }
        if (Math.Min(counted0, 1001) != counted1 || Math.Min(counted0, 1001) != first.Count)
            throw new InvalidOperationException($"{term}: {counted0} before, {counted1} at pubsearch, {first.Count} now");
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        Console.WriteLine($"| {term} | {page} | {counted0:N0} → {(counted1 > 1000 ? "1,000+" : counted1.ToString("N0"))} | {Median(before):N2} ms | {Median(after):N2} ms | {Median(afterCount):N2} ms | **{Median(afterCount) / Median(after):N3}×** |");
    }
}

// The coordinators' table, newest first: main counted from the index (a CROSS JOIN, LIMIT 1001), then past the
// limit walked the date index with Id IN (every match); pubsearch2 reads the first 1,001 and sorts those.
const string coordinatorsCount = $"SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @all AND {range}) AS \"f\" CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\" WHERE \"s\".\"LetterId\" = 1 LIMIT 1001)";
const string coordinatorsWalked = $"SELECT COUNT(*) FROM (SELECT \"s\".\"Id\" FROM \"Signatures\" AS \"s\" WHERE \"s\".\"LetterId\" = 1 AND \"s\".\"Id\" IN (SELECT (rowid & 4294967295) FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @all AND {range}) ORDER BY \"s\".\"CreatedAt\" DESC, \"s\".\"Id\" DESC LIMIT 50 OFFSET @offset)";
const string coordinatorsSorted = $"SELECT COUNT(*) FROM (SELECT \"s\".\"Id\" FROM (SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @all AND {range}) AS \"f\" CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\" WHERE \"s\".\"LetterId\" = 1 ORDER BY \"s\".\"CreatedAt\" DESC, \"s\".\"Id\" DESC LIMIT 50 OFFSET @offset)";
Console.WriteLine();
Console.WriteLine("| coordinators' term | page | matches counted | main: count + keys | pubsearch2: first 1,001 + keys | pubsearch2 / main |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
foreach (var term in terms)
{
    var phrase = "\"" + term.Replace("\"", "\"\"") + "\"";
    foreach (var page in new[] { 1, 20 })
    {
        var (main, mine) = (new List<double>(), new List<double>());
        long counted = 0;
        List<long> first = [];
        for (var round = 0; round < rounds; round++)
        {
            main.Add(Cpu(() =>
            {
                counted = Scalar(coordinatorsCount, ("@all", phrase));
                Scalar(counted > 1000 ? coordinatorsWalked : coordinatorsSorted, ("@all", phrase), ("@offset", (page - 1) * 50));
            }));
            mine.Add(Cpu(() =>
            {
                first = Keys($"SELECT \"s0\".\"Id\" FROM (SELECT rowid AS \"Key\", (rowid & 4294967295) AS \"Id\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @q AND rowid BETWEEN @first AND @last) AS \"s\" CROSS JOIN \"Signatures\" AS \"s0\" WHERE \"s0\".\"Id\" = \"s\".\"Id\" ORDER BY \"s\".\"Key\" LIMIT @limit",
                    ("@q", phrase), ("@first", 1L << 32), ("@last", (1L << 32) + uint.MaxValue), ("@limit", 1001)).Select(k => k[0]).ToList();
                PageOfIds(first, "\"s\".\"CreatedAt\" DESC, \"s\".\"Id\" DESC", page);
            }));
        }
        if (counted != first.Count)
            throw new InvalidOperationException($"{term}: {counted} by main, {first.Count} now");
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        Console.WriteLine($"| {term} | {page} | {(counted > 1000 ? "1,000+" : counted.ToString("N0"))} | {Median(main):N2} ms | {Median(mine):N2} ms | **{Median(mine) / Median(main):N3}×** |");
    }
}

// SignatureSearch.FirstShownMatchesAsync on SQLite, as EF sends it: rounds of candidates from both shown columns
// (listed rows only), then the organisation's matches over the keys they span.
List<long> FirstShown(string phrase)
{
    var (start, last) = (1L << 32, (1L << 32) + uint.MaxValue);
    var found = new List<long>();
    do
    {
        var wanted = 1001 - found.Count;
        var candidates = Keys($"SELECT \"s\".\"Key\", \"s1\".\"Id\", \"s1\".\"Visibility\" FROM (SELECT rowid AS \"Key\", (rowid & 4294967295) AS \"Id\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @q AND rowid BETWEEN @first AND @last) AS \"s\" "
            + $"CROSS JOIN (SELECT \"s0\".\"Id\", \"s0\".\"Visibility\" FROM \"Signatures\" AS \"s0\" WHERE {listed.Replace("\"s\".", "\"s0\".")}) AS \"s1\" WHERE \"s1\".\"Id\" = \"s\".\"Id\" ORDER BY \"s\".\"Key\" LIMIT @limit",
            ("@q", "{SignerName OrganisationName} : " + phrase), ("@first", start), ("@last", last), ("@limit", wanted));
        var reached = candidates.Count == wanted ? candidates[^1][0] : last;
        var byOrganisation = Keys("SELECT \"s\".\"Key\" FROM (SELECT rowid AS \"Key\", (rowid & 4294967295) AS \"Id\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @q AND rowid BETWEEN @first AND @last) AS \"s\"",
            ("@q", "OrganisationName : " + phrase), ("@first", start), ("@last", reached)).Select(k => k[0]).ToHashSet();
        found.AddRange(candidates.Where(c => c[2] == 0 || byOrganisation.Contains(c[0])).Select(c => c[1]));
        start = reached + 1;
    }
    while (found.Count <= 1000 && start <= (1L << 32) + uint.MaxValue);
    return found;
}

// A page of the first 1,000 ids in the list's order, as EF 10 sends Contains: one parameter per id.
void PageOfIds(List<long> ids, string order, int page)
{
    var shown = ids.Take(1000).ToList();
    if (shown.Count == 0)
        return;
    var names = string.Join(", ", shown.Select((_, i) => "@ids" + i));
    Keys($"SELECT \"s\".\"Id\" FROM \"Signatures\" AS \"s\" WHERE \"s\".\"Id\" IN ({names}) ORDER BY {order} LIMIT 50 OFFSET @offset",
        [.. shown.Select((id, i) => ("@ids" + i, (object)id)), ("@offset", (page - 1) * 50)]);
}

List<long[]> Keys(string sql, params (string Name, object Value)[] parameters)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters)
        command.Parameters.AddWithValue(name, value);
    using var reader = command.ExecuteReader();
    var rows = new List<long[]>();
    while (reader.Read())
    {
        var row = new long[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
            row[i] = reader.GetInt64(i);
        rows.Add(row);
    }
    return rows;
}

static double Cpu(Action action)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var start = process.TotalProcessorTime;
    action();
    process.Refresh();
    return (process.TotalProcessorTime - start).TotalMilliseconds;
}

long Scalar(string sql, params (string Name, object Value)[] parameters)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters)
        if (sql.Contains(name + " ") || sql.Contains(name + ")") || sql.EndsWith(name))
            command.Parameters.AddWithValue(name, value);
    return Convert.ToInt64(command.ExecuteScalar());
}

string Text(string sql)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    return Convert.ToString(command.ExecuteScalar())!;
}

void Execute(string sql)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
