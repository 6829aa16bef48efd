using ProgressTracker.Testing;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;

namespace ProgressTracker.FaultTests.Harness;

/// <summary>Setup through the API, polling with bounds, and what the database holds.</summary>
public static class Checks
{
    public const string Schema = "progress_tracker";

    public static async Task<Guid> PostForIdAsync(this HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        if ((int)response.StatusCode is not (201 or 202))
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    public static Task<Guid> RegisterAdvisorAsync(this HttpClient client) =>
        client.PostForIdAsync("/api/advisors", new { name = "Avery Advisor", email = $"{Guid.NewGuid():N}@advisors.example.edu" });

    public static async Task<Guid[]> RegisterStudentsAsync(this HttpClient client, Guid advisor, int count)
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
            ids[i] = await client.PostForIdAsync("/api/students", new { name = $"Student {i}", email = $"{Guid.NewGuid():N}@students.example.edu", advisorId = advisor });
        return ids;
    }

    /// <summary>
    /// Students enrolled in a program of a new college: the "Reports" projection writes cohort rows for them, which the
    /// fault tests compare with a rebuild (it writes nothing for a student without an enrollment).
    /// </summary>
    public static async Task<Guid[]> RegisterEnrolledStudentsAsync(this HttpClient client, Guid advisor, int count)
    {
        var students = await client.RegisterStudentsAsync(advisor, count);
        var college = await client.PostForIdAsync("/api/colleges", new { name = "Harbor Community College" });
        var program = await client.PostForIdAsync($"/api/colleges/{college}/programs", new
        {
            name = "Health Information Technology", award = "aas", normalDurationMonths = 24, requiredCategories = new[] { "english" },
        });
        foreach (var student in students)
        {
            using var response = await client.PostAsJsonAsync($"/api/students/{student}/enrollments",
                new { programId = program, cohort = "2025-FA", intensity = "full-time", startedOn = "2025-08-25" });
            if ((int)response.StatusCode != 201)
                throw new InvalidOperationException($"enrollment: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return students;
    }

    /// <summary>Polls <c>/health/ready</c> until <paramref name="until"/> holds for (status code, report), or the time is up.</summary>
    public static async Task<(int Status, JsonNode? Report)> WaitForReadyAsync(Uri node, Func<int, JsonNode?, bool> until, TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        (int, JsonNode?) last = (0, null);
        while (clock.Elapsed < limit)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                var text = await response.Content.ReadAsStringAsync();
                JsonNode? report = null;
                try
                {
                    report = JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException)
                {
                    // not JSON: keep polling
                }
                last = ((int)response.StatusCode, report);
                if (until(last.Item1, report)) return last;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = (0, null);
                if (until(0, null)) return last;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"/health/ready of {node} did not reach the expected state within {limit}; last: {last.Item1} {last.Item2?.ToJsonString()}");
    }

    public static Task WaitForProjectionsHealthyAsync(Uri node, TimeSpan limit) =>
        WaitForReadyAsync(node, (status, report) => status == 200 && report?["checks"]?["projections"]?["status"]?.GetValue<string>() == "Healthy", limit);

    /// <summary>How often each milestone id occurs in the event store.</summary>
    public static async Task<Dictionary<Guid, int>> MilestoneCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select data->>'milestoneId', count(*) from {Schema}.mt_events where data ? 'milestoneId' group by 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<Guid, int>();
        while (await reader.ReadAsync()) counts[Guid.Parse(reader.GetString(0))] = (int)reader.GetInt64(1);
        return counts;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Every document the "Reports" async projection writes, as one comparable text (ids and JSON bodies).</summary>
    /// <remarks><paramref name="tableSuffix"/>: another projection version's tables (<c>_3</c>: mt_doc_cohortrow_3); the current version's by default.</remarks>
    public static async Task<string> ReportsAsync(string connectionString, string? tableSuffix = null)
    {
        tableSuffix ??= ReportsConfiguration.TableSuffix(ReportsConfiguration.Version);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "mt_doc_cohortrow" })
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), coalesce(string_agg(id::text || '=' || data::text, E'\\n' order by id::text), '') from {Schema}.{table}{tableSuffix}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            text.Append("## ").Append(table).Append(' ').Append(reader.GetInt64(0)).Append('\n').Append(reader.GetString(1)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Rebuilds "Reports" from every event with the service's own command line (no service node running).</summary>
    public static Task RebuildReportsAsync(IDictionary<string, string> environment) =>
        Shell.RunAsync("dotnet", [Path.Combine(ServiceNode.ServiceDirectory, "ProgressTracker.Api.dll"), "projections", "rebuild", "-p", "Reports"],
            TimeSpan.FromMinutes(3), environment: environment, workingDirectory: ServiceNode.ServiceDirectory);
}
