using System.Text.Json.Nodes;
using Alba;
using Npgsql;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Privacy;

/// <summary>The privacy routes through HTTP, and a scan of the whole database for values that must be gone.</summary>
public static class PrivacyScenarios
{
    public static async Task<JsonObject> Send(this IAlbaHost host, string method, string url, object? body, string token, int status)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token);
            _ = method switch
            {
                "POST" => x.Post.Json(body ?? new { }).ToUrl(url),
                "DELETE" => x.Delete.Url(url),
                _ => x.Get.Url(url),
            };
            x.StatusCodeShouldBe(status);
        });
        var text = await result.ReadAsTextAsync();
        return text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : [];
    }

    public static async Task<string> Text(this IAlbaHost host, string url, string token, int status = 200, string accept = "application/json")
    {
        var result = await host.Scenario(x =>
        {
            x.As(token);
            x.Get.Url(url);
            x.WithRequestHeader("Accept", accept);
            x.StatusCodeShouldBe(status);
        });
        return await result.ReadAsTextAsync();
    }

    /// <summary>GET without any token (the share link).</summary>
    public static async Task<string> Anonymous(this IAlbaHost host, string url, int status, string accept = "application/json")
    {
        var result = await host.Scenario(x =>
        {
            x.Get.Url(url);
            x.WithRequestHeader("Accept", accept);
            x.StatusCodeShouldBe(status);
        });
        return await result.ReadAsTextAsync();
    }

    /// <summary>
    /// Every row of every table of the database, every column (text, JSON, arrays, and bytea as bytes: a message body),
    /// searched for each value, case-insensitively. Answers "table: value" for each hit.
    /// </summary>
    public static async Task<List<string>> ScanDatabase(this IAlbaHost host, IReadOnlyList<string> values)
    {
        var database = (NpgsqlDataSource)host.Services.GetService(typeof(NpgsqlDataSource))!;
        await using var connection = await database.OpenConnectionAsync();
        List<(string Table, List<string> ByteColumns)> tables = [];
        await using (var command = new NpgsqlCommand("""
            select quote_ident(t.table_schema) || '.' || quote_ident(t.table_name),
                   coalesce(array_agg(quote_ident(c.column_name)) filter (where c.data_type = 'bytea'), '{}')
            from information_schema.tables t
            join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
            where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
            group by 1
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), [.. reader.GetFieldValue<string[]>(1)]));
        }
        tables.Count.ShouldBeGreaterThan(10);

        List<string> hits = [];
        foreach (var (table, byteColumns) in tables)
        {
            foreach (var value in values)
            {
                var bytes = string.Join("", byteColumns.Select(c => $" or position($2 in {c}) > 0"));
                await using var command = new NpgsqlCommand($"select count(*) from {table} t where t::text ilike $1{bytes}", connection);
                command.Parameters.AddWithValue("%" + value + "%");
                if (byteColumns.Count > 0) command.Parameters.AddWithValue(System.Text.Encoding.UTF8.GetBytes(value));
                if ((long)(await command.ExecuteScalarAsync())! > 0) hits.Add($"{table}: {value}");
            }
        }
        return hits;
    }
}
