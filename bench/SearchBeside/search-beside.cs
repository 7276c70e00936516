// The coordinators' search count of a small letter beside a large one (issue 20): the statement
// before this change (every letter's matches of the term, each row looked up and tested for the
// letter) against the one now (the letter's rowid range of the letter-keyed index), alternated, on
// the same rows, with the SQLite the app bundles. It adds the old layout's index (external content,
// keyed by id) to the database. The database is one a scale run left (/tmp/signonletters-scale-*/…db,
// the app's own schema and index) or, when the file does not exist, made here: letters "big" and
// "small" with BIG and SMALL signatures interleaved (as two letters signed at once), generated names
// (Latin and Cyrillic, one in five with an organisation) and e-mails, and the index as
// SignatureSearch.CreateOnSqlite writes it (the same statements, copied: keep them in step).
// usage: dotnet run bench/SearchBeside/search-beside.cs -- DB SLUG[,SLUG…] TERM[,TERM…] [ROUNDS] [BIG SMALL]
#:package Microsoft.Data.Sqlite
using System.Diagnostics;
using Microsoft.Data.Sqlite;

var (path, slugs, terms) = (args[0], args[1].Split(','), args[2].Split(','));
var rounds = args.Length > 3 ? int.Parse(args[3]) : 15;
var generate = !File.Exists(path);
using var db = new SqliteConnection($"Data Source={path}");
db.Open();
if (generate)
{
    var (big, small) = (args.Length > 5 ? int.Parse(args[4]) : 1_000_000, args.Length > 5 ? int.Parse(args[5]) : 5_000);
    var made = Stopwatch.StartNew();
    Execute("PRAGMA journal_mode=WAL");
    Execute("CREATE TABLE \"Letters\" (\"Id\" INTEGER PRIMARY KEY, \"Slug\" TEXT NOT NULL); INSERT INTO \"Letters\" VALUES (1, 'big'), (2, 'small');");
    Execute("CREATE TABLE \"Signatures\" (\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"LetterId\" INTEGER NOT NULL, \"SignerName\" TEXT NOT NULL, \"OrganisationName\" TEXT, \"Email\" TEXT);");
    Execute("CREATE INDEX \"IX_Signatures_LetterId\" ON \"Signatures\" (\"LetterId\", \"Id\");");
    // One row in (big + small) / small for the small letter, spread through the ids.
    Execute($"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {big + small}),
          first(k, name) AS (VALUES (0, 'John'), (1, 'Maria'), (2, 'Anna'), (3, 'Peter'), (4, 'Ольга'), (5, 'Ahmed'), (6, 'Li'), (7, 'Sofia'), (8, 'Иван'), (9, 'Chen'), (10, 'Marta'), (11, 'Jean')),
          last(k, name) AS (VALUES (0, 'Smith'), (1, 'Martin'), (2, 'García'), (3, 'Смирнова'), (4, 'Müller'), (5, 'Rossi'), (6, 'Nguyen'), (7, 'Kowalski'), (8, 'Dubois'), (9, 'Silva'))
        INSERT INTO "Signatures" ("LetterId", "SignerName", "OrganisationName", "Email")
        SELECT CASE WHEN (i * {small}) / ({big + small}) != ((i - 1) * {small}) / ({big + small}) THEN 2 ELSE 1 END,
               (SELECT name FROM first WHERE k = (i * 7) % 12) || ' ' || (SELECT name FROM last WHERE k = (i * 13) % 10),
               CASE WHEN i % 5 = 0 THEN 'Organisation ' || (i % 997) END, 'p' || i || '.' || (i % 89) || '@example.org'
        FROM n;
        """);
    const string cols = "\"SignerName\", \"OrganisationName\", \"Email\"";
    Execute($"CREATE VIRTUAL TABLE \"SignatureSearch\" USING fts5({cols}, content='', contentless_delete=1, tokenize='trigram');");
    Execute($"INSERT INTO \"SignatureSearch\"(rowid, {cols}) SELECT ((\"Signatures\".\"LetterId\" << 32) + \"Signatures\".\"Id\"), {cols} FROM \"Signatures\" ORDER BY 1;");
    Console.WriteLine($"made {path}: {big:N0} + {small:N0} signatures and the letter-keyed index in {made.Elapsed.TotalSeconds:N0} s");
}
Console.WriteLine($"SQLite {Text("SELECT sqlite_version()")}; {Scalar("SELECT COUNT(*) FROM \"Signatures\""):N0} signatures");
const string columns = "\"SignerName\", \"OrganisationName\", \"Email\"";
if (Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'SignatureSearchById'") == 0)
{
    var built = Stopwatch.StartNew();
    Execute($"CREATE VIRTUAL TABLE \"SignatureSearchById\" USING fts5({columns}, content='Signatures', content_rowid='Id', tokenize='trigram')");
    Execute("INSERT INTO \"SignatureSearchById\"(\"SignatureSearchById\") VALUES ('rebuild')");
    Console.WriteLine($"old layout's index built in {built.Elapsed.TotalSeconds:N0} s");
}
// As Pages/Signatures/Index counts a search: up to the limit of 1,000, plus one.
const string before = "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT rowid AS \"Value\" FROM \"SignatureSearchById\" WHERE \"SignatureSearchById\" MATCH @q) AS \"f\" "
    + "CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\" WHERE \"s\".\"LetterId\" = @letter LIMIT 1001)";
const string after = "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT (rowid & 4294967295) AS \"Value\" FROM \"SignatureSearch\" WHERE \"SignatureSearch\" MATCH @q AND rowid BETWEEN (@letter << 32) AND (@letter << 32) + 4294967295) AS \"f\" "
    + "CROSS JOIN \"Signatures\" AS \"s\" ON \"s\".\"Id\" = \"f\".\"Value\" WHERE \"s\".\"LetterId\" = @letter LIMIT 1001)";
Console.WriteLine($"| letter (signatures) | term | matches counted | before: median ms | after: median ms | after/before |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
foreach (var slug in slugs)
{
    var letter = Scalar("SELECT \"Id\" FROM \"Letters\" WHERE \"Slug\" = @slug", ("@slug", slug));
    var size = Scalar("SELECT COUNT(*) FROM \"Signatures\" WHERE \"LetterId\" = @letter", ("@letter", letter));
    foreach (var term in terms)
    {
        var phrase = "\"" + term.Replace("\"", "\"\"") + "\"";
        var (times0, times1) = (new List<double>(), new List<double>());
        long count0 = 0, count1 = 0;
        for (var round = 0; round < rounds; round++)
        {
            count0 = Timed(before, times0);
            count1 = Timed(after, times1);
        }
        if (count0 != count1)
            throw new InvalidOperationException($"{slug} {term}: {count0} before, {count1} after");
        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        Console.WriteLine($"| {slug} ({size:N0}) | {term} | {count1:N0} | {Median(times0):N2} | {Median(times1):N2} | {Median(times1) / Median(times0):N3} |");

        long Timed(string sql, List<double> times)
        {
            var watch = Stopwatch.StartNew();
            var result = Scalar(sql, ("@q", phrase), ("@letter", letter));
            times.Add(watch.Elapsed.TotalMilliseconds);
            return result;
        }
    }
}

long Scalar(string sql, params (string Name, object Value)[] parameters)
{
    using var command = db.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters)
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
