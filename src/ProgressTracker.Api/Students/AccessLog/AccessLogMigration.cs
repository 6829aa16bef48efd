using Marten;
using Npgsql;

namespace ProgressTracker.Students.AccessLog;

/// <summary>
/// The access log used to be a Marten document (<c>mt_doc_accesslogentry</c>). A FERPA log must not lose entries when
/// its storage changes, so at start the old entries are copied into <c>pt_access_log</c> and the old table is renamed
/// <c>mt_doc_accesslogentry_migrated</c> (kept, never deleted: an operator drops it after checking), in one
/// transaction. Without the old table this is one catalog lookup.
/// </summary>
public sealed class AccessLogMigration(NpgsqlDataSource database, IDocumentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        RunAsync(database, store.Options.DatabaseSchemaName, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns how many entries were copied (0 when there was nothing to migrate).</summary>
    public static async Task<int> RunAsync(NpgsqlDataSource database, string schema, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var exists = new NpgsqlCommand($"select to_regclass('{schema}.mt_doc_accesslogentry') is not null", connection, transaction))
        {
            if (await exists.ExecuteScalarAsync(ct) is not true) return 0;
        }

        int copied;
        await using (var copy = new NpgsqlCommand($"""
            insert into {schema}.{AccessLogging.TableName} (id, student_id, subject, role, route, at)
            select (data ->> 'id')::uuid, (data ->> 'studentId')::uuid, data ->> 'subject', data ->> 'role',
                   data ->> 'route', (data ->> 'at')::timestamptz
            from {schema}.mt_doc_accesslogentry
            on conflict (id) do nothing
            """, connection, transaction))
        {
            copied = await copy.ExecuteNonQueryAsync(ct);
        }
        await using (var rename = new NpgsqlCommand(
            $"alter table {schema}.mt_doc_accesslogentry rename to mt_doc_accesslogentry_migrated", connection, transaction))
        {
            await rename.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return copied;
    }
}
