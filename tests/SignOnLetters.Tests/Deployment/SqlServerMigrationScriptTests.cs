using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SignOnLetters.Data;

namespace SignOnLetters.Tests.Deployment;

/// <summary>
/// No SQL Server engine runs on these machines (docker-compose deploys on one), so the SQL that its
/// migrations send is read by Microsoft's own T-SQL parser instead: it must parse without an error
/// (as SQL Server 2022 reads it), and replaying what it creates, drops and renames must leave every
/// table and index of the EF model. The script is generated in-process from the SQL Server
/// migrations assembly; generating it never connects.
/// </summary>
public sealed class SqlServerMigrationScriptTests
{
    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void Should_parse_as_T_SQL_and_create_every_table_and_index_of_the_model(MigrationsSqlGenerationOptions options)
    {
        using var db = SqlServerContext();
        var script = db.GetService<IMigrator>().GenerateScript(options: options);

        var schema = SchemaReplay.Of(script);

        Assert.Empty(schema.Errors);
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        Assert.NotEmpty(model.Tables);
        foreach (var table in model.Tables)
        {
            Assert.True(schema.Tables.ContainsKey(table.Name), $"table {table.Name} is not created by the script");
            var created = schema.Tables[table.Name];
            foreach (var index in table.Indexes)
                Assert.True(created.Contains(index.Name), $"index {index.Name} on {table.Name} is not created by the script");
        }
    }

    [Fact]
    public void Should_report_a_statement_SQL_Server_cannot_read()
    {
        // The parser this check relies on does find errors, also inside EXEC('...') strings.
        var schema = SchemaReplay.Of("CREATE TABLE [Letters] ([Id] int NOT NULL);\nGO\nEXEC(N'CREATE INDEX [IX_Letters_Id] ON [Letters] ([Id]) WHERE [Id] IS');\nGO\n");

        Assert.Single(schema.Errors);
        Assert.Contains("Letters", schema.Tables.Keys);
    }

    [Fact]
    public void Should_follow_renames_and_drops_of_tables_and_indexes()
    {
        var schema = SchemaReplay.Of("""
            CREATE TABLE [Drafts] ([Id] int NOT NULL);
            CREATE INDEX [IX_Drafts_Id] ON [Drafts] ([Id]);
            CREATE TABLE [Gone] ([Id] int NOT NULL);
            GO
            EXEC sp_rename N'[Drafts]', N'Letters', 'OBJECT';
            EXEC sp_rename N'[Letters].[IX_Drafts_Id]', N'IX_Letters_Id', 'INDEX';
            DROP TABLE [Gone];
            EXEC(N'CREATE UNIQUE INDEX [IX_Letters_Slug] ON [Letters] ([Id]) WHERE [Id] IS NOT NULL');
            DROP INDEX [IX_Letters_Slug] ON [Letters];
            GO
            """);

        Assert.Empty(schema.Errors);
        Assert.Equal(["Letters"], schema.Tables.Keys);
        Assert.Equal(["IX_Letters_Id"], schema.Tables["Letters"]);
    }

    private static AppDbContext SqlServerContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.SqlServer, "Server=unused;Database=SignOnLetters;TrustServerCertificate=True");
        return new AppDbContext(options.Options);
    }

    /// <summary>
    /// The tables and indexes a script leaves, statement by statement, and the parse errors, also of
    /// the dynamic SQL that EF's idempotent scripts wrap in <c>EXEC(N'...')</c>.
    /// </summary>
    private sealed class SchemaReplay : TSqlFragmentVisitor
    {
        public Dictionary<string, HashSet<string>> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Errors { get; } = [];

        public static SchemaReplay Of(string script)
        {
            var replay = new SchemaReplay();
            replay.Read(script);
            return replay;
        }

        private void Read(string sql)
        {
            var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
            Errors.AddRange(errors.Select(e => $"line {e.Line}: {e.Message}"));
            fragment?.Accept(this);
        }

        public override void ExplicitVisit(CreateTableStatement node) =>
            Tables[node.SchemaObjectName.BaseIdentifier.Value] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public override void ExplicitVisit(DropTableStatement node)
        {
            foreach (var table in node.Objects)
                Tables.Remove(table.BaseIdentifier.Value);
        }

        public override void ExplicitVisit(CreateIndexStatement node) =>
            IndexesOf(node.OnName.BaseIdentifier.Value).Add(node.Name.Value);

        public override void ExplicitVisit(DropIndexStatement node)
        {
            foreach (var clause in node.DropIndexClauses.OfType<DropIndexClause>())
                IndexesOf(clause.Object.BaseIdentifier.Value).Remove(clause.Index.Value);
        }

        public override void ExplicitVisit(ExecuteStatement node)
        {
            switch (node.ExecuteSpecification.ExecutableEntity)
            {
                case ExecutableStringList dynamicSql:
                    Read(string.Concat(dynamicSql.Strings.OfType<StringLiteral>().Select(s => s.Value)));
                    break;
                case ExecutableProcedureReference procedure
                    when procedure.ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value.Equals("sp_rename", StringComparison.OrdinalIgnoreCase):
                    Rename(procedure.Parameters.Select(p => (p.ParameterValue as StringLiteral)?.Value).ToList());
                    break;
            }
        }

        /// <summary>sp_rename N'[Table]', N'New' (a table) or N'[Table].[Index]', N'New', 'INDEX'; columns change neither.</summary>
        private void Rename(List<string?> arguments)
        {
            var kind = arguments.ElementAtOrDefault(2)?.ToUpperInvariant() ?? "OBJECT";
            var from = (arguments[0] ?? "").Split("].[").Select(part => part.Trim('[', ']')).ToArray();
            var to = arguments[1] ?? "";
            if (kind == "OBJECT" && from.Length == 1 && Tables.Remove(from[0], out var indexes))
                Tables[to] = indexes;
            else if (kind == "INDEX" && IndexesOf(from[0]).Remove(from[^1]))
                IndexesOf(from[0]).Add(to);
        }

        private HashSet<string> IndexesOf(string table) =>
            Tables.TryGetValue(table, out var indexes)
                ? indexes
                : throw new InvalidOperationException($"the script touches an index of {table} before creating that table");
    }
}
