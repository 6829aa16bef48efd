using Marten;
using Npgsql;
using NpgsqlTypes;
using ProgressTracker.Infrastructure;

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
    private readonly GroupCommit<AccessLogEntry> _writer;

    public AccessLog(NpgsqlDataSource database, IDocumentStore store)
    {
        _database = database;
        _table = $"{store.Options.DatabaseSchemaName}.{AccessLogging.TableName}";
        _writer = new GroupCommit<AccessLogEntry>(InsertAsync);
    }

    /// <summary>Logs one read of each student's record by the caller of <paramref name="http"/>; returns once committed.</summary>
    public Task RecordAsync(HttpContext http, TimeProvider clock, params IEnumerable<Guid> studentIds) =>
        RecordAsync(Caller.From(http.User), $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}",
            clock.GetUtcNow(), studentIds, http.RequestAborted);

    /// <summary>Logs one read of each student's record by <paramref name="caller"/> through <paramref name="route"/>.</summary>
    public Task RecordAsync(Caller caller, string route, DateTimeOffset at, IEnumerable<Guid> studentIds, CancellationToken ct)
    {
        List<AccessLogEntry> entries = [.. studentIds.Select(id => new AccessLogEntry(Guid.CreateVersion7(), id, caller.Subject, caller.Role, route, at))];
        return _writer.WriteAsync(entries, ct);
    }

    /// <summary>Who read this student's record, newest first.</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ReadAsync(Guid studentId, CancellationToken ct)
    {
        await using var command = _database.CreateCommand(
            $"select id, student_id, subject, role, route, at from {_table} where student_id = $1 order by at desc, id desc");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = studentId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        List<AccessLogEntry> entries = [];
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new AccessLogEntry(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return entries;
    }

    /// <summary>Every waiting entry in one statement: the columns as arrays, unnested into rows.</summary>
    private async Task InsertAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken ct)
    {
        await using var command = _database.CreateCommand(
            $"insert into {_table} (id, student_id, subject, role, route, at) select * from unnest($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. entries.Select(e => e.Id)] });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. entries.Select(e => e.StudentId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Subject)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Role)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Route)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. entries.Select(e => e.At)] });
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
