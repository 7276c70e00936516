using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Data;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Database;
using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// Streamed reads stream on every provider (issue 20, ADR 0026): under PostgreSQL's and SQL Server's
/// retrying execution strategy EF Core would otherwise read the whole result into memory before
/// handing over the first row. What tells the two apart: whether the database's own reader is still
/// open when the first row arrives (a buffered query has read every row and closed it by then).
/// </summary>
public abstract class StreamedReadTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_hand_over_the_exports_first_row_while_the_databases_reader_is_still_open()
    {
        var letter = await ListPagingTests.SeedAsync(App);
        var readers = new OpenReaders();
        await using var db = Context(readers);

        await using var rows = Export.Rows(db, letter.Id).GetAsyncEnumerator();

        Assert.True(await rows.MoveNextAsync());
        Assert.True(readers.LastIsOpen, "The export's rows were read into memory before the first was handed over.");
        var count = 1;
        while (await rows.MoveNextAsync())
            count++;
        Assert.Equal(ListPagingTests.Signers, count);
    }

    [SkippableFact]
    public async Task Should_stream_inside_a_retrying_strategys_operation_too()
    {
        // The recount runs its streamed read inside the strategy (to retry the whole recount): EF
        // then asks the running strategy, not the context's, whether to buffer.
        var letter = await ListPagingTests.SeedAsync(App);
        var readers = new OpenReaders();
        await using var db = Context(readers);

        var (firstWhileOpen, count) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            bool? open = null;
            var n = 0;
            await foreach (var _ in db.Signatures.AsNoTracking().Where(s => s.LetterId == letter.Id).Select(s => s.Id).AsStreamed())
            {
                open ??= readers.LastIsOpen;
                n++;
            }
            return (open, n);
        });

        Assert.True(firstWhileOpen, "The rows were read into memory before the first was handed over.");
        Assert.Equal(ListPagingTests.Signers, count);
    }

    [SkippableFact]
    public async Task Should_leave_ordinary_queries_to_the_retrying_strategy_and_see_them_buffered_there()
    {
        // Two things at once: the fix is per streamed read (the context's strategy, its retries and
        // the buffering they need are as they were after one), and the check above can tell a
        // buffered query from a streamed one (EF's own AsAsyncEnumerable buffers where the strategy
        // retries and streams where it does not).
        var letter = await ListPagingTests.SeedAsync(App);
        var readers = new OpenReaders();
        await using var db = Context(readers);
        var ids = db.Signatures.AsNoTracking().Where(s => s.LetterId == letter.Id).Select(s => s.Id);
        await using (var streamed = ids.AsStreamed().GetAsyncEnumerator())
        {
            Assert.True(await streamed.MoveNextAsync());
            Assert.True(readers.LastIsOpen);
        }

        await using var plain = ids.AsAsyncEnumerable().GetAsyncEnumerator();

        Assert.True(await plain.MoveNextAsync());
        var retries = db.Database.CreateExecutionStrategy().RetriesOnFailure;
        Assert.Equal(App.Provider != DatabaseProvider.Sqlite, retries);
        Assert.Null(Microsoft.EntityFrameworkCore.Storage.ExecutionStrategy.Current);
        Assert.Equal(!retries, readers.LastIsOpen);
    }

    /// <summary>A context configured as the app's (its provider's one set-up), watching the readers it opens.</summary>
    private AppDbContext Context(OpenReaders readers)
    {
        var settings = App.Factory.Services.GetRequiredService<DatabaseSettings>();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(settings.Provider, settings.ConnectionString).AddInterceptors(readers);
        return new AppDbContext(options.Options);
    }

    /// <summary>The database's reader of the last command, as the provider returned it (before EF wraps or buffers it).</summary>
    private sealed class OpenReaders : DbCommandInterceptor
    {
        private DbDataReader? _last;

        public bool LastIsOpen => _last is { IsClosed: false };

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            _last = result;
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>Every streamed read of the app goes through the one place that keeps it unbuffered.</summary>
public sealed class StreamedReadSourceTests
{
    [Fact]
    public void Should_read_no_query_through_AsAsyncEnumerable_but_through_AsStreamed()
    {
        var offenders = Directory.EnumerateFiles(RepositoryFiles.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && Path.GetFileName(f) != "StreamedReads.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Regex.IsMatch(l.Text, @"\.AsAsyncEnumerable\s*\("))
            .Select(l => $"{Path.GetRelativePath(RepositoryFiles.Root, l.File)}:{l.Line}")
            .ToList();
        Assert.True(offenders.Count == 0, "Buffered on PostgreSQL and SQL Server; use AsStreamed() (ADR 0026): " + string.Join(", ", offenders));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StreamedReadTestsOnSqlite(SqliteSlice app) : StreamedReadTests(app);

[Collection(PostgresCollection.Name)]
public sealed class StreamedReadTestsOnPostgres(PostgresSlice app) : StreamedReadTests(app);
