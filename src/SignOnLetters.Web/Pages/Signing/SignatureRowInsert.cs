using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SignOnLetters.Domain.Record;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Inserts a batch of new signatures and their first events with two plain INSERT statements, for
/// <see cref="SignatureCommits"/>. EF's SaveChanges spent most of a batch on change tracking and on
/// building (and SQLite on preparing) one statement per row. Here, on SQLite, each statement is
/// prepared once per batch and only its parameter values change; on PostgreSQL all the signatures
/// go in one ADO.NET batch (one round trip) and all their events in a second. The statements are built from EF's own model
/// (table, columns, type mappings and value converters), so a new property is inserted without
/// touching this code; <c>SignatureRowInsertTests</c> compares every column with what EF stores.
/// <para>
/// Used on SQLite and PostgreSQL, whose <c>INSERT … RETURNING</c> the tests run against; SQL Server,
/// which we cannot run here, keeps EF's SaveChanges. Nothing else is bypassed: new signatures wait
/// for confirmation or review, so the public page and its cache (evicted by EF's save interceptor)
/// do not change with them; their tallies (by state) go in the batch's transaction.
/// </para>
/// </summary>
internal sealed class SignatureRowInsert
{
    private static readonly ConcurrentDictionary<IModel, SignatureRowInsert?> ByModel = new();

    private readonly RowStatement _signature;
    private readonly RowStatement _event;
    private readonly RowStatement _recordEntry;
    private readonly IProperty _eventSignatureId;
    private readonly IProperty _entrySignatureId;

    private SignatureRowInsert(AppDbContext db)
    {
        _signature = new RowStatement(db, db.Model.FindEntityType(typeof(Signature))!, returnKey: true);
        _event = new RowStatement(db, db.Model.FindEntityType(typeof(SignatureEvent))!, returnKey: false);
        _recordEntry = new RowStatement(db, db.Model.FindEntityType(typeof(RecordEntry))!, returnKey: false);
        _eventSignatureId = _event.Entity.FindProperty(nameof(SignatureEvent.SignatureId))!;
        _entrySignatureId = _recordEntry.Entity.FindProperty(nameof(RecordEntry.SignatureId))!;
    }

    /// <summary>The insert for this context's provider; null where EF's SaveChanges is kept (SQL Server).</summary>
    public static SignatureRowInsert? For(AppDbContext db) =>
        ByModel.GetOrAdd(db.Model, _ => db.Database.IsSqlite() || db.Database.IsNpgsql() ? new SignatureRowInsert(db) : null);

    /// <summary>
    /// New signatures that wait (confirmation, review): inserted all in one transaction, each given
    /// its id. On failure nothing is stored and every signature is as it was (id 0), ready to be
    /// stored another way.
    /// </summary>
    public Task InsertAsync(AppDbContext db, IReadOnlyList<Signature> signatures, CancellationToken cancellationToken) =>
        InsertAsync(db, signatures, counted: false, cancellationToken);

    /// <summary>
    /// New signatures that count at once (an import): as <see cref="InsertAsync(AppDbContext, IReadOnlyList{Signature}, CancellationToken)"/>,
    /// and in the same transaction each one's "counted" entry in the signatory record, made by the
    /// record's own appender (<see cref="SignatoryRecordAppender.CountedEntriesAsync"/>) under its
    /// lock of the letter, as SaveChanges would have made it.
    /// </summary>
    /// <param name="alsoInTransaction">Run with the record's new entries before the commit (what SaveChanges' hooks would have queued, such as webhook events).</param>
    /// <param name="stages">Where the time goes (record entries, rows, search index, tallies, commit), for the import's profile; null to not measure.</param>
    public Task InsertCountedAsync(AppDbContext db, IReadOnlyList<Signature> signatures,
        Func<IReadOnlyList<RecordEntry>, CancellationToken, Task> alsoInTransaction, CancellationToken cancellationToken, StageTimes? stages = null) =>
        InsertAsync(db, signatures, counted: true, cancellationToken, alsoInTransaction, stages);

    private async Task InsertAsync(AppDbContext db, IReadOnlyList<Signature> signatures, bool counted, CancellationToken cancellationToken,
        Func<IReadOnlyList<RecordEntry>, CancellationToken, Task>? alsoInTransaction = null, StageTimes? stages = null)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var locked = counted ? await SignatoryRecordAppender.LockAsync(signatures.Select(s => s.LetterId), cancellationToken) : [];
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Before the signatures go in: the appender gives each its salt, a column of the row.
            List<RecordEntry> entries;
            using (StageTimes.Time(stages, "record entries"))
                entries = counted ? await SignatoryRecordAppender.CountedEntriesAsync(db, signatures, cancellationToken) : [];
            var connection = db.Database.GetDbConnection();
            if (counted && connection is NpgsqlConnection npgsql)
            {
                // An import's batch on PostgreSQL: binary COPY, with the keys taken from the table's sequence first.
                using (StageTimes.Time(stages, "rows"))
                    await CopyAsync(npgsql, signatures, cancellationToken);
            }
            else if (connection.CanCreateBatch)
            {
                using (StageTimes.Time(stages, "rows"))
                    await InsertInBatchesAsync(connection, transaction.GetDbTransaction(), signatures, cancellationToken);
            }
            else
            {
                // SQLite: the search index filled once for the batch, not by its per-row trigger.
                using (StageTimes.Time(stages, "rows"))
                {
                    await ExecuteAsync(connection, transaction.GetDbTransaction(), SignatureSearch.DeferInsertsSql, cancellationToken);
                    await InsertOneByOneAsync(connection, transaction.GetDbTransaction(), signatures, cancellationToken);
                }
                using (StageTimes.Time(stages, "search index"))
                {
                    var (first, last) = IdRange(signatures);
                    await ExecuteAsync(connection, transaction.GetDbTransaction(), SignatureSearch.IndexDeferredSql, cancellationToken,
                        ("@first", first), ("@last", last));
                }
            }
            if (entries.Count > 0)
            {
                foreach (var entry in entries)
                    _entrySignatureId.PropertyInfo!.SetValue(entry, entry.Signature.Id);
                using (StageTimes.Time(stages, "record entry rows"))
                {
                    if (counted && connection is NpgsqlConnection npgsqlEntries)
                        await _recordEntry.CopyAsync(npgsqlEntries, entries, cancellationToken);
                    else
                        await InsertAsync(_recordEntry, connection, transaction.GetDbTransaction(), entries, cancellationToken);
                }
            }
            // The batch's tallies in its own transaction: once per batch, not per signature.
            using (StageTimes.Time(stages, "tallies"))
                await SignatureTallies.ApplyAsync(transaction.GetDbTransaction(), SignatureTallies.DeltasOf(signatures), cancellationToken);
            if (alsoInTransaction is not null)
                using (StageTimes.Time(stages, "webhooks"))
                    await alsoInTransaction(entries, cancellationToken);
            using (StageTimes.Time(stages, "commit"))
                await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            foreach (var signature in signatures)
            {
                _signature.SetKey(signature, 0);
                foreach (var entry in signature.Events)
                    _eventSignatureId.PropertyInfo!.SetValue(entry, 0);
            }
            throw;
        }
        finally
        {
            SignatoryRecordAppender.Release(locked);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// For an import's batches written on several PostgreSQL connections at once
    /// (<see cref="InsertCountedAfterAsync"/>): each signature's key from the table's sequence, taken
    /// by the one caller that hands the batches out, in file order, so ids keep the file's order
    /// whichever connection commits its batch first. Sequences are outside transactions: a key
    /// taken here is the row's on any connection.
    /// </summary>
    public async Task TakeKeysAsync(AppDbContext db, IReadOnlyList<Signature> signatures, CancellationToken cancellationToken)
    {
        if (signatures.Count == 0)
            return;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var keys = await _signature.TakeKeysAsync((NpgsqlConnection)db.Database.GetDbConnection(), signatures.Count, cancellationToken);
            for (var i = 0; i < signatures.Count; i++)
            {
                _signature.SetKey(signatures[i], keys[i]);
                foreach (var entry in signatures[i].Events)
                    _eventSignatureId.PropertyInfo!.SetValue(entry, keys[i]);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Gives keys taken by <see cref="TakeKeysAsync"/> back to the signatures of a batch that was not stored (id 0), so they can be stored another way.</summary>
    public void ForgetKeys(IReadOnlyList<Signature> signatures)
    {
        foreach (var signature in signatures)
        {
            _signature.SetKey(signature, 0);
            foreach (var entry in signature.Events)
                _eventSignatureId.PropertyInfo!.SetValue(entry, 0);
        }
    }

    /// <summary>
    /// One batch of an import on PostgreSQL whose batches are written on several connections at
    /// once, so that the server's work on them (indexes, the trigram indexes' lists, foreign keys:
    /// two thirds of an import's CPU) runs on more than one core. The signatures carry their keys
    /// (<see cref="TakeKeysAsync"/>) and <paramref name="entries"/> are their "counted" entries,
    /// made by the caller after the previous batch's (the record's head is the previous batch's last
    /// entry, not yet committed). The rows, events and entries go in by binary COPY beside the
    /// previous batch; then this batch waits for <paramref name="previous"/> (the previous batch's
    /// own call) and commits only after it: batches commit in file order, so a crash or a failure
    /// leaves whole batches from the file's start, each with its tallies, and the record without a
    /// gap. If the previous batch failed, this one fails too and stores nothing. The tallies are
    /// updated only after the previous batch committed: its tally rows are locked until then, and
    /// waiting on them while holding this batch's own would deadlock the two.
    /// Keys are kept on failure (a retry stores the same rows); the caller forgets them
    /// (<see cref="ForgetKeys"/>) when it gives up on the batch.
    /// </summary>
    public async Task InsertCountedAfterAsync(AppDbContext db, IReadOnlyList<Signature> signatures, IReadOnlyList<RecordEntry> entries, Task previous,
        Func<IReadOnlyList<RecordEntry>, CancellationToken, Task> alsoInTransaction, CancellationToken cancellationToken, StageTimes? stages = null)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            using (StageTimes.Time(stages, "rows"))
            {
                await _signature.CopyAsync(connection, signatures, cancellationToken, withKey: true);
                await _event.CopyAsync(connection, signatures.SelectMany(s => s.Events).ToList(), cancellationToken);
            }
            foreach (var entry in entries)
                _entrySignatureId.PropertyInfo!.SetValue(entry, entry.Signature.Id);
            using (StageTimes.Time(stages, "record entry rows"))
                await _recordEntry.CopyAsync(connection, entries, cancellationToken);
            using (StageTimes.Time(stages, "waiting for the batch before"))
                await previous;
            using (StageTimes.Time(stages, "tallies"))
                await SignatureTallies.ApplyAsync(transaction.GetDbTransaction(), SignatureTallies.DeltasOf(signatures), cancellationToken);
            using (StageTimes.Time(stages, "webhooks"))
                await alsoInTransaction(entries, cancellationToken);
            using (StageTimes.Time(stages, "commit"))
                await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The lowest and highest id of the stored signatures; (0, -1), an empty range, for none.</summary>
    private static (int First, int Last) IdRange(IReadOnlyList<Signature> signatures)
    {
        if (signatures.Count == 0)
            return (0, -1);
        int first = int.MaxValue, last = int.MinValue;
        for (var i = 0; i < signatures.Count; i++)
        {
            first = Math.Min(first, signatures[i].Id);
            last = Math.Max(last, signatures[i].Id);
        }
        return (first, last);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>SQLite, in process: no round trips to save, so each statement is prepared once and run row by row.</summary>
    private async Task InsertOneByOneAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Signature> signatures, CancellationToken cancellationToken)
    {
        await using var insertSignature = await _signature.CreateAsync(connection, transaction, cancellationToken);
        foreach (var signature in signatures)
        {
            _signature.Bind(insertSignature, signature);
            var id = Convert.ToInt32(await insertSignature.ExecuteScalarAsync(cancellationToken));
            _signature.SetKey(signature, id);
            foreach (var entry in signature.Events)
                _eventSignatureId.PropertyInfo!.SetValue(entry, id);
        }
        await InsertAsync(_event, connection, transaction, signatures.SelectMany(s => s.Events).ToList(), cancellationToken);
    }

    /// <summary>Rows without a key to read back: one batch where the provider has them, otherwise one prepared statement run per row.</summary>
    private static async Task InsertAsync(RowStatement statement, DbConnection connection, DbTransaction transaction, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        if (connection.CanCreateBatch)
        {
            await using var batch = statement.CreateBatch(connection, transaction, rows);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        await using var insert = await statement.CreateAsync(connection, transaction, cancellationToken);
        foreach (var row in rows)
        {
            statement.Bind(insert, row);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A server over the network (PostgreSQL): one round trip for all the signatures' INSERTs and
    /// one for all their events, instead of one per row. SQLite, in process, has no round trips
    /// and no batches: it runs the prepared statements row by row.
    /// </summary>
    private async Task InsertInBatchesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Signature> signatures, CancellationToken cancellationToken)
    {
        await using (var insertSignatures = _signature.CreateBatch(connection, transaction, signatures))
        await using (var reader = await insertSignatures.ExecuteReaderAsync(cancellationToken))
        {
            foreach (var signature in signatures)
            {
                if (!await reader.ReadAsync(cancellationToken))
                    throw new InvalidOperationException("The database returned fewer keys than signatures inserted.");
                var id = Convert.ToInt32(reader.GetValue(0));
                _signature.SetKey(signature, id);
                foreach (var entry in signature.Events)
                    _eventSignatureId.PropertyInfo!.SetValue(entry, id);
                await reader.NextResultAsync(cancellationToken);
            }
        }
        await InsertAsync(_event, connection, transaction, signatures.SelectMany(s => s.Events).ToList(), cancellationToken);
    }

    /// <summary>
    /// An import's batch on PostgreSQL (thousands of rows): the signatures' keys are taken from the
    /// table's identity sequence in one query, then the signatures and their events go in by binary
    /// COPY, which the server parses with no SQL per row (a batch of INSERTs is parsed, planned and
    /// executed row by row on the server). The identity column is "by default", so the rows may carry
    /// the keys. Constraints, indexes (the trigram ones included) and the stored sort key are the
    /// server's as for an INSERT; a unique claim broken by a signer meanwhile fails the COPY, and the
    /// caller then saves the batch one by one as it does after a failed INSERT.
    /// </summary>
    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<Signature> signatures, CancellationToken cancellationToken)
    {
        if (signatures.Count == 0)
            return;
        var keys = await _signature.TakeKeysAsync(connection, signatures.Count, cancellationToken);
        for (var i = 0; i < signatures.Count; i++)
        {
            _signature.SetKey(signatures[i], keys[i]);
            foreach (var entry in signatures[i].Events)
                _eventSignatureId.PropertyInfo!.SetValue(entry, keys[i]);
        }
        await _signature.CopyAsync(connection, signatures, cancellationToken, withKey: true);
        await _event.CopyAsync(connection, signatures.SelectMany(s => s.Events).ToList(), cancellationToken);
    }

    /// <summary>One table's INSERT of every column the app writes (all but the generated key), with EF's parameter types.</summary>
    private sealed class RowStatement
    {
        private readonly IProperty[] _columns;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly string[] _parameterNames;
        private readonly string _sql;
        private readonly IProperty _key;
        private readonly string[] _typeNames;
        private readonly string _keyTypeName;
        private readonly string _copySql;
        private readonly string _copyWithKeySql;
        private readonly string _takeKeysSql;

        public RowStatement(AppDbContext db, IEntityType entity, bool returnKey)
        {
            Entity = entity;
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            _key = entity.FindPrimaryKey()!.Properties.Single();
            // Neither the key nor a column the database computes (SignatureSortKeys) is written.
            _columns = entity.GetProperties().Where(p => p.ValueGenerated is not (ValueGenerated.OnAdd or ValueGenerated.OnAddOrUpdate)).ToArray();
            _mappings = _columns.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
            _parameterNames = _columns.Select((_, i) => sql.GenerateParameterName($"p{i}")).ToArray();
            _sql = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} "
                   + $"({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                   + $"VALUES ({string.Join(", ", _parameterNames)})"
                   + (returnKey ? $" RETURNING {sql.DelimitIdentifier(_key.GetColumnName(table)!)}" : string.Empty);
            // For COPY: each column's type by its name without facets ("character varying", not "character varying(200)"), as Npgsql resolves it.
            _typeNames = _mappings.Select(m => m.StoreTypeNameBase).ToArray();
            _keyTypeName = ((RelationalTypeMapping)_key.GetTypeMapping()).StoreTypeNameBase;
            var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
            var keyColumn = sql.DelimitIdentifier(_key.GetColumnName(table)!);
            var columns = string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)));
            _copySql = $"COPY {tableName} ({columns}) FROM STDIN (FORMAT BINARY)";
            _copyWithKeySql = $"COPY {tableName} ({keyColumn}, {columns}) FROM STDIN (FORMAT BINARY)";
            // The quoted table name as pg_get_serial_sequence wants it; an identity column has its sequence there too.
            _takeKeysSql = $"SELECT nextval(pg_get_serial_sequence('{tableName.Replace("'", "''")}', '{_key.GetColumnName(table)!.Replace("'", "''")}')) FROM generate_series(1, $1)";
        }

        public IEntityType Entity { get; }

        /// <summary>
        /// <paramref name="count"/> new keys from the key column's sequence (PostgreSQL), in
        /// increasing order, so rows keep the file's order in the lists that sort by key.
        /// </summary>
        public async Task<int[]> TakeKeysAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(_takeKeysSql, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
            var keys = new int[count];
            var i = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    keys[i++] = Convert.ToInt32(reader.GetValue(0));
            if (i != count)
                throw new InvalidOperationException($"The sequence gave {i} keys for {count} rows.");
            Array.Sort(keys);
            return keys;
        }

        /// <summary>The rows by binary COPY (PostgreSQL), in the transaction the connection has open; with their keys when <paramref name="withKey"/>.</summary>
        public async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<object> rows, CancellationToken cancellationToken, bool withKey = false)
        {
            if (rows.Count == 0)
                return;
            await using var importer = await connection.BeginBinaryImportAsync(withKey ? _copyWithKeySql : _copySql, cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                if (withKey)
                    await importer.WriteAsync(Convert.ToInt32(_key.PropertyInfo!.GetValue(row)), _keyTypeName, cancellationToken);
                for (var i = 0; i < _columns.Length; i++)
                {
                    if (ProviderValue(i, row) is { } value)
                        await importer.WriteAsync(value, _typeNames[i], cancellationToken);
                    else
                        await importer.WriteNullAsync(cancellationToken);
                }
            }
            await importer.CompleteAsync(cancellationToken);
        }

        public async Task<DbCommand> CreateAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            var command = connection.CreateCommand();
            command.CommandText = _sql;
            command.Transaction = transaction;
            for (var i = 0; i < _columns.Length; i++)
                command.Parameters.Add(_mappings[i].CreateParameter(command, _parameterNames[i], null, _columns[i].IsNullable));
            await command.PrepareAsync(cancellationToken);
            return command;
        }

        /// <summary>The INSERT once per row, in one batch; parameters typed by EF's mappings like the prepared command's.</summary>
        public DbBatch CreateBatch(DbConnection connection, DbTransaction transaction, IReadOnlyList<object> rows)
        {
            var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            // EF's mappings create parameters through a command; they are then added to the batch's commands.
            using var factory = connection.CreateCommand();
            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = _sql;
                for (var i = 0; i < _columns.Length; i++)
                    command.Parameters.Add(_mappings[i].CreateParameter(factory, _parameterNames[i], ProviderValue(i, row), _columns[i].IsNullable));
                batch.BatchCommands.Add(command);
            }
            return batch;
        }

        public void Bind(DbCommand command, object entity)
        {
            for (var i = 0; i < _columns.Length; i++)
                command.Parameters[i].Value = ProviderValue(i, entity) ?? DBNull.Value;
        }

        private object? ProviderValue(int column, object entity)
        {
            var value = _columns[column].PropertyInfo!.GetValue(entity);
            return value is not null && _mappings[column].Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }

        public void SetKey(object entity, int id) => _key.PropertyInfo!.SetValue(entity, id);
    }
}
