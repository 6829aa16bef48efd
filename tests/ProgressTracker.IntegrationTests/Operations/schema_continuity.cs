using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Reports;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>
/// A database written by an earlier version must start under this one. Marten migrates tables at start, and a column
/// it cannot alter in place stops the service.
/// </summary>
public sealed class schema_continuity(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_report_read_models_keep_the_numeric_versions_the_earlier_projections_gave_them()
    {
        // Multi-stream projections gave these tables a bigint mt_version; the Reports projection that replaced them
        // stores plain documents, whose default version is a uuid, and bigint cannot be altered to uuid.
        string[] tables = ["mt_doc_cohortrow" + ReportsConfiguration.TableSuffix(ReportsConfiguration.Version)];
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand("""
            select table_name, data_type from information_schema.columns
            where table_schema = $1 and column_name = 'mt_version' and table_name = any($2)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Store.Options.DatabaseSchemaName });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var types = new Dictionary<string, string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) types[reader.GetString(0)] = reader.GetString(1);

        types.Keys.ShouldBe(tables, ignoreOrder: true);
        types.Values.ShouldAllBe(type => type == "bigint");
    }
}
