using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students.AccessLog;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>Entries written when the access log was a Marten document stay visible after the move to its own table.</summary>
public sealed class access_log_migration(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task entries_of_the_old_document_table_are_copied_once_and_the_old_table_is_kept_under_a_new_name()
    {
        var world = await AccessWorld.BuildAsync(Host);
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var schema = Host.Services.GetRequiredService<IDocumentStore>().Options.DatabaseSchemaName;
        var oldEntry = Guid.CreateVersion7();
        var ct = TestContext.Current.CancellationToken;
        // The shape Marten gave the document table: the entry as camelCase JSON.
        await using (var create = database.CreateCommand($"""
            create table {schema}.mt_doc_accesslogentry (id uuid primary key, data jsonb not null);
            insert into {schema}.mt_doc_accesslogentry values ('{oldEntry}', jsonb_build_object(
              'id', '{oldEntry}', 'studentId', '{world.StudentS}', 'subject', 'advisor-legacy', 'role', 'advisor',
              'route', 'GET /api/students/{world.StudentS}/timeline', 'at', '2026-01-05T10:00:00+00:00'));
            """))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        (await AccessLogMigration.RunAsync(database, schema, ct)).ShouldBe(1);
        (await AccessLogMigration.RunAsync(database, schema, ct)).ShouldBe(0);

        var entries = await Host.AccessLog(world.StudentS, Identities.Student(world.StudentS));
        var legacy = entries.Single(e => e!["id"]!.GetValue<Guid>() == oldEntry)!;
        legacy["subject"]!.GetValue<string>().ShouldBe("advisor-legacy");
        legacy["at"]!.GetValue<DateTimeOffset>().ShouldBe(DateTimeOffset.Parse("2026-01-05T10:00:00+00:00"));
        await using var kept = database.CreateCommand($"select count(*) from {schema}.mt_doc_accesslogentry_migrated");
        (await kept.ExecuteScalarAsync(ct)).ShouldBe(1L);
    }
}
