using Marten;
using Npgsql;
using NpgsqlTypes;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Telemetry;

namespace ProgressTracker.Students.AccessLog;

/// <summary>
/// Writes and reads the access log. A read of a student's record is answered only after its entry is committed;
/// concurrent reads share one insert and one commit (<see cref="GroupCommit{T}"/>), so logging every read costs a
/// round trip per burst of reads rather than per read (ops/bench, timeline reads).
/// </summary>
public sealed class AccessLog : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly string _table;
    private readonly string _groupTable;
    private readonly GroupCommit<LoggedRead> _writer;

    public AccessLog(NpgsqlDataSource database, IDocumentStore store)
    {
        _database = database;
        _table = $"{store.Options.DatabaseSchemaName}.{AccessLogging.TableName}";
        _groupTable = $"{store.Options.DatabaseSchemaName}.{AccessLogging.GroupTableName}";
        _writer = new GroupCommit<LoggedRead>(InsertAsync);
    }

    /// <summary>Logs one read of each student's record by the caller of <paramref name="http"/>; returns once committed.</summary>
    public Task RecordAsync(HttpContext http, TimeProvider clock, params IEnumerable<Guid> studentIds) =>
        RecordAsync(Caller.From(http.User), $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}",
            clock.GetUtcNow(), studentIds, http.RequestAborted);

    /// <summary>
    /// Logs one read of each student's record by <paramref name="caller"/> through <paramref name="route"/>: one entry
    /// in each student's log. Several students read at once share one stored row (and so one entry id).
    /// </summary>
    public Task RecordAsync(Caller caller, string route, DateTimeOffset at, IEnumerable<Guid> studentIds, CancellationToken ct)
    {
        Guid[] ids = [.. studentIds.Distinct()];
        return ids.Length == 0 ? Task.CompletedTask
            : _writer.WriteAsync([new LoggedRead(Guid.CreateVersion7(), ids, caller.Subject, caller.Role, route, at)], ct);
    }

    /// <summary>
    /// Who read this student's record, newest first: reads of this record alone and reads of several at once. With
    /// <paramref name="before"/>, only entries older than that one; with <paramref name="limit"/>, at most that many.
    /// </summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ReadAsync(
        Guid studentId, CancellationToken ct, int? limit = null, AccessLogCursor? before = null)
    {
        // The cursor compares (at, id) as a row, the log's own order, so entries at the same instant are not skipped.
        var older = before is null ? "" : " and (at, id) < ($3, $4)";
        await using var command = _database.CreateCommand($"""
            select id, student_id, subject, role, route, at from {_table} where student_id = $1{older}
            union all
            select id, $1, subject, role, route, at from {_groupTable} where student_ids @> array[$1]{older}
            order by at desc, id desc
            limit $2
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = studentId });
        // LIMIT NULL is no limit: the whole log and a first page are one prepared statement.
        command.Parameters.Add(new NpgsqlParameter { Value = limit is { } n ? n : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        if (before is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.At });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = before.Id });
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        List<AccessLogEntry> entries = [];
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AccessLogEntry(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return entries;
    }

    /// <summary>
    /// Every waiting read in one round trip and one implicit transaction: single reads in one statement (the columns
    /// as arrays, unnested into rows), then one row per read of several records.
    /// </summary>
    private async Task InsertAsync(IReadOnlyList<LoggedRead> reads, CancellationToken ct)
    {
        await using var batch = _database.CreateBatch();
        var single = reads.Where(r => r.StudentIds.Length == 1).ToList();
        if (single.Count > 0)
        {
            var insert = new NpgsqlBatchCommand(
                $"insert into {_table} (id, student_id, subject, role, route, at) select * from unnest($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. single.Select(e => e.Id)] });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. single.Select(e => e.StudentIds[0])] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. single.Select(e => e.Subject)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. single.Select(e => e.Role)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. single.Select(e => e.Route)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. single.Select(e => e.At)] });
            batch.BatchCommands.Add(insert);
        }
        var groups = reads.Where(r => r.StudentIds.Length > 1).ToList();
        foreach (var group in groups)
        {
            var insert = new NpgsqlBatchCommand(
                $"insert into {_groupTable} (id, student_ids, subject, role, route, at) values ($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = group.Id });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = group.StudentIds });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group.Subject });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group.Role });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group.Route });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = group.At });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync(ct);
        ServiceMetrics.AccessLogRowsWritten(single.Count + groups.Count);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
