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

Console.WriteLine($"{rounds} rounds, before and after alternated; SQLite CPU per request's search statements (count + page keys), median");
Console.WriteLine("| term | page | matches counted (before → after) | before: count + keys | after: count + keys | after/before | after: the count alone |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var term in terms)
{
    var phrase = "\"" + term.Replace("\"", "\"\"") + "\"";
    var parameters = new (string, object)[] { ("@org", "OrganisationName : " + phrase), ("@name", "SignerName : " + phrase),
        ("@nameonly", "SignerName : " + phrase + " NOT OrganisationName : " + phrase) };
    foreach (var page in new[] { 1, 20 })
    {
        var (before, after, afterCount) = (new List<double>(), new List<double>(), new List<double>());
        long counted0 = 0, counted1 = 0;
        for (var round = 0; round < rounds; round++)
        {
            before.Add(Cpu(() =>
            {
                counted0 = Scalar(countBefore, parameters);
                // Before, a page past the middle counted from the end; the statement's cost is the same walk.
                Scalar(pageWalked, [.. parameters, ("@offset", (page - 1) * 50)]);
            }));
            after.Add(Cpu(() =>
            {
                counted1 = Scalar(countAfter, parameters);
                Scalar(counted1 > 1000 ? pageWalked : pageSorted, [.. parameters, ("@offset", (page - 1) * 50)]);
            }));
            afterCount.Add(Cpu(() => Scalar(countAfter, parameters)));
        }
        if (Math.Min(counted0, 1001) != counted1)
            throw new InvalidOperationException($"{term}: {counted0} before, {counted1} after");
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        Console.WriteLine($"| {term} | {page} | {counted0:N0} → {(counted1 > 1000 ? "1,000+" : counted1.ToString("N0"))} | {Median(before):N2} ms | {Median(after):N2} ms | {Median(after) / Median(before):N3} | {Median(afterCount):N2} ms |");
    }
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
