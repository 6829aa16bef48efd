using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Security;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students.AccessLog;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>
/// The logs refuse UPDATE, DELETE and TRUNCATE in the database itself, even for their owner (the fixture connects as
/// the cluster's superuser, who owns everything). The test wipe never needs to: it truncates Marten's mt_ tables
/// only, and every test uses new ids (IntegrationContext).
/// </summary>
public sealed class append_only_logs(AppFixture fixture) : IntegrationContext(fixture)
{
    public static readonly string[] LogTables = [AccessLogging.TableName, AccessLogging.GroupTableName, SecurityLogging.TableName];

    public static TheoryData<string> Tables => [.. LogTables];

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task even_the_owner_cannot_update_delete_or_truncate_a_log(string table)
    {
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var qualified = $"{Store.Options.DatabaseSchemaName}.{table}";
        var id = Guid.CreateVersion7();
        await Execute(database, $"insert into {qualified} {SampleRow(table, id)}");

        foreach (var change in new[] { $"update {qualified} set at = now() where id = '{id}'", $"delete from {qualified} where id = '{id}'", $"truncate {qualified}" })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Execute(database, change));
            refused.SqlState.ShouldBe(AppendOnlyLogs.RefusedState, change);
        }
        await using var count = database.CreateCommand($"select count(*) from {qualified} where id = '{id}'");
        (await count.ExecuteScalarAsync(TestContext.Current.CancellationToken)).ShouldBe(1L);
    }

    /// <summary>A valid row of each log table, as a VALUES clause with its columns.</summary>
    public static string SampleRow(string table, Guid id) => table switch
    {
        AccessLogging.TableName => $"(id, student_id, subject, role, route, at) values ('{id}', '{Guid.NewGuid()}', 'test', 'admin', 'GET /x', now())",
        AccessLogging.GroupTableName => $"(id, student_ids, subject, role, route, at) values ('{id}', array['{Guid.NewGuid()}'::uuid], 'test', 'admin', 'GET /x', now())",
        _ => $"(id, at, kind) values ('{id}', now(), 'test')",
    };

    private static async Task Execute(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
