using Marten;
using Npgsql;

namespace ProgressTracker.Infrastructure.Security;

/// <summary>
/// Appends security events (<see cref="SecurityEvent"/>) to <c>pt_security_log</c>. A failed write is logged as a
/// warning (kind and status only) and swallowed: the security log must never turn a refusal or a sign-in into a 500.
/// </summary>
public sealed class SecurityLog(NpgsqlDataSource database, IDocumentStore store, TimeProvider clock, ILogger<SecurityLog> logger)
{
    private readonly string _table = $"{store.Options.DatabaseSchemaName}.{SecurityLogging.TableName}";

    public async Task RecordAsync(SecurityEvent e, CancellationToken ct)
    {
        try
        {
            await using var command = database.CreateCommand(
                $"insert into {_table} (id, at, kind, subject, account_id, route, status, reason) values ($1, $2, $3, $4, $5, $6, $7, $8)");
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Kind });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.AccountId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Route ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            // No subject, route or message text: the exception's message may quote values.
            logger.LogWarning("The security log could not record a {Kind} event (status {Status}): {Error}",
                e.Kind, e.Status, ex.GetType().Name);
        }
    }
}
