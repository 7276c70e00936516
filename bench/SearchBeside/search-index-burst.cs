// What the search index costs a signature in the group commit (issue 19), before and after the
// letter-keyed layout (issue 20): per burst, as SignatureRowInsert runs it on SQLite, the deferral
// row, one INSERT per signature, the index's fill of the burst's ids and COMMIT, on two databases
// that differ only in the index (the old one: external content on Signatures, keyed by id; the new
// one: contentless, keyed by letter and id, filled in key order). Process CPU time (this loop is the
// only thread doing work), the two layouts alternated; SQLite as the app bundles it. The statements
// are copied from SignatureSearch (and, for the old layout, from the migration's Down): keep them in step.
// usage: dotnet run bench/SearchBeside/search-index-burst.cs -- [ROUNDS] [BURST]
#:package Microsoft.Data.Sqlite
using System.Diagnostics;
using Microsoft.Data.Sqlite;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 5;
var burst = args.Length > 1 ? int.Parse(args[1]) : 32;
const int preload = 10_000, measured = 4_000;
const string cols = "\"SignerName\", \"OrganisationName\", \"Email\"";
var layouts = new (string Name, string[] Schema, string Fill)[]
{
    ("no search index (the rest of the burst)", [], "DELETE FROM \"SignatureSearchDeferred\";"),
    ("by id, external content (before)",
    [
        $"CREATE VIRTUAL TABLE \"SignatureSearch\" USING fts5({cols}, content='Signatures', content_rowid='Id', tokenize='trigram')",
        $"CREATE TRIGGER \"Signatures_SearchInsert\" AFTER INSERT ON \"Signatures\" WHEN NOT EXISTS (SELECT 1 FROM \"SignatureSearchDeferred\") BEGIN INSERT INTO \"SignatureSearch\"(rowid, {cols}) VALUES (new.\"Id\", new.\"SignerName\", new.\"OrganisationName\", new.\"Email\"); END",
    ],
    $"INSERT INTO \"SignatureSearch\"(rowid, {cols}) SELECT \"Id\", {cols} FROM \"Signatures\" WHERE \"Id\" BETWEEN @first AND @last; DELETE FROM \"SignatureSearchDeferred\";"),
    ("by letter key, contentless (after)",
    [
        $"CREATE VIRTUAL TABLE \"SignatureSearch\" USING fts5({cols}, content='', contentless_delete=1, tokenize='trigram')",
        $"CREATE TRIGGER \"Signatures_SearchInsert\" AFTER INSERT ON \"Signatures\" WHEN NOT EXISTS (SELECT 1 FROM \"SignatureSearchDeferred\") BEGIN INSERT INTO \"SignatureSearch\"(rowid, {cols}) VALUES (((new.\"LetterId\" << 32) + new.\"Id\"), new.\"SignerName\", new.\"OrganisationName\", new.\"Email\"); END",
    ],
    $"INSERT INTO \"SignatureSearch\"(rowid, {cols}) SELECT ((\"Signatures\".\"LetterId\" << 32) + \"Signatures\".\"Id\"), {cols} FROM \"Signatures\" WHERE \"Id\" BETWEEN @first AND @last ORDER BY 1; DELETE FROM \"SignatureSearchDeferred\";"),
    ("by letter key, contentless, columnsize=0, deleted with the old words",
    [
        $"CREATE VIRTUAL TABLE \"SignatureSearch\" USING fts5({cols}, content='', columnsize=0, tokenize='trigram')",
        $"CREATE TRIGGER \"Signatures_SearchInsert\" AFTER INSERT ON \"Signatures\" WHEN NOT EXISTS (SELECT 1 FROM \"SignatureSearchDeferred\") BEGIN INSERT INTO \"SignatureSearch\"(rowid, {cols}) VALUES (((new.\"LetterId\" << 32) + new.\"Id\"), new.\"SignerName\", new.\"OrganisationName\", new.\"Email\"); END",
    ],
    $"INSERT INTO \"SignatureSearch\"(rowid, {cols}) SELECT ((\"Signatures\".\"LetterId\" << 32) + \"Signatures\".\"Id\"), {cols} FROM \"Signatures\" WHERE \"Id\" BETWEEN @first AND @last ORDER BY 1; DELETE FROM \"SignatureSearchDeferred\";"),
};
string[] first = ["John", "Maria", "Anna", "Peter", "Ольга", "Ahmed", "Li", "Sofia", "Иван", "Chen", "Marta", "Jean"];
string[] last = ["Smith", "Martin", "García", "Смирнова", "Müller", "Rossi", "Nguyen", "Kowalski", "Dubois", "Silva"];
var results = layouts.Select(_ => new List<double>()).ToArray();
for (var round = 0; round < rounds; round++)
    for (var l = 0; l < layouts.Length; l++)
        results[l].Add(Run(layouts[l]));
Console.WriteLine($"SQLite {SqliteVersion()}; bursts of {burst}, {preload:N0} signatures before, {measured:N0} timed, {rounds} rounds alternated");
Console.WriteLine("| index layout | CPU µs per signature (median) | rounds |");
Console.WriteLine("| --- | --- | --- |");
for (var l = 0; l < layouts.Length; l++)
    Console.WriteLine($"| {layouts[l].Name} | {results[l].Order().ElementAt(rounds / 2):N1} | {string.Join(", ", results[l].Select(r => r.ToString("N1")))} |");

double Run((string Name, string[] Schema, string Fill) layout)
{
    var path = Path.Combine(Path.GetTempPath(), $"search-index-burst-{Environment.ProcessId}.db");
    foreach (var suffix in new[] { "", "-wal", "-shm" })
        File.Delete(path + suffix);
    using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
    {
        db.Open();
        Execute(db, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(db, null, "CREATE TABLE \"Signatures\" (\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"LetterId\" INTEGER NOT NULL, \"SignerName\" TEXT NOT NULL, \"OrganisationName\" TEXT, \"Email\" TEXT)");
        Execute(db, null, "CREATE TABLE \"SignatureSearchDeferred\" (\"Deferred\" INTEGER NOT NULL PRIMARY KEY)");
        foreach (var sql in layout.Schema)
            Execute(db, null, sql);
        var serial = 0;
        void Bursts(int count)
        {
            for (var b = 0; b < count / burst; b++)
            {
                using var transaction = db.BeginTransaction();
                Execute(db, transaction, "INSERT INTO \"SignatureSearchDeferred\"(\"Deferred\") VALUES (1)");
                using var insert = db.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO \"Signatures\" (\"LetterId\", \"SignerName\", \"OrganisationName\", \"Email\") VALUES (@letter, @name, @organisation, @email) RETURNING \"Id\"";
                var (letter, name, organisation, email) = (insert.Parameters.Add("@letter", SqliteType.Integer), insert.Parameters.Add("@name", SqliteType.Text),
                    insert.Parameters.Add("@organisation", SqliteType.Text), insert.Parameters.Add("@email", SqliteType.Text));
                insert.Prepare();
                long low = long.MaxValue, high = 0;
                for (var i = 0; i < burst; i++)
                {
                    serial++;
                    // Mostly one letter, some of another: a burst holds whatever was signed at once.
                    letter.Value = serial % 10 == 0 ? 2 : 1;
                    name.Value = $"{first[serial * 7 % first.Length]} {last[serial * 13 % last.Length]}";
                    organisation.Value = serial % 5 == 0 ? $"Organisation {serial % 997}" : DBNull.Value;
                    email.Value = $"p{serial}.{serial % 89}@example.org";
                    var id = (long)insert.ExecuteScalar()!;
                    (low, high) = (Math.Min(low, id), Math.Max(high, id));
                }
                Execute(db, transaction, layout.Fill, ("@first", low), ("@last", high));
                transaction.Commit();
            }
        }
        Bursts(preload);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Bursts(measured);
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        db.Close();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
        return used.TotalMicroseconds / (measured / burst * burst);
    }
}

static void Execute(SqliteConnection db, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
{
    using var command = db.CreateCommand();
    command.Transaction = transaction;
    command.CommandText = sql;
    foreach (var (name, value) in parameters)
        command.Parameters.AddWithValue(name, value);
    command.ExecuteNonQuery();
}

static string SqliteVersion()
{
    using var db = new SqliteConnection("Data Source=:memory:");
    db.Open();
    using var command = db.CreateCommand();
    command.CommandText = "SELECT sqlite_version()";
    return (string)command.ExecuteScalar()!;
}
