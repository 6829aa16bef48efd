using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ProgressTracker.Reports;

/// <summary>
/// Ready only while every async projection keeps up with the event store: a shard behind the newest event is
/// <c>Degraded</c> (catching up, still 200), and <c>Unhealthy</c> (503) when its position has not moved for
/// <c>Health:ProjectionStallSeconds</c> (default 60) while events wait, which is what a dead or wedged daemon looks like.
/// </summary>
/// <remarks>
/// Not Marten's <c>AddMartenAsyncDaemonHealthCheck</c> (Marten.AspNetCore 9.59): it measures lag against the
/// <c>HighWaterMark</c> row, which only a running daemon advances, so with no daemon running anywhere it stays
/// healthy; and its "same lag for a time" clock restarts at every check, so with frequent probes it never fires.
/// This check measures against <c>max(seq_id)</c> of the events table and reports the high-water mark alongside.
/// On a HotCold follower node the shards run elsewhere; the database view is the same from every node.
/// A shard is named as Marten names its progress row, version included: during an upgrade the check follows the new
/// version's shard (<c>Reports:V2:All</c>) through its rebuild, and says which tables answer reads meanwhile.
/// </remarks>
public sealed class ProjectionHealthCheck(IDocumentStore store, NpgsqlDataSource dataSource, IConfiguration configuration,
    ReportsVersions reports) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, (long Sequence, long SinceTicks)> _seen = new();

    private TimeSpan StallAfter => TimeSpan.FromSeconds(configuration.GetValue("Health:ProjectionStallSeconds", 60));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var shards = store.Options.Events.Projections()
            .Where(p => p.Lifecycle == ProjectionLifecycle.Async)
            .SelectMany(p => p.ShardNames().Select(shard => shard.Identity))
            .ToArray();
        var schema = store.Options.Events.DatabaseSchemaName;

        long head;
        Dictionary<string, long> positions;
        try
        {
            await using var command = dataSource.CreateCommand(
                $"select 'head', coalesce(max(seq_id), 0) from {schema}.mt_events union all select name, last_seq_id from {schema}.mt_event_progression");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            positions = [];
            while (await reader.ReadAsync(cancellationToken)) positions[reader.GetString(0)] = reader.GetInt64(1);
            head = positions["head"];
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Projection progress cannot be read (PostgreSQL does not answer).", e);
        }

        var now = Stopwatch.GetTimestamp();
        var data = new Dictionary<string, object>
        {
            ["head"] = head,
            ["highWaterMark"] = positions.GetValueOrDefault("HighWaterMark"),
        };
        var rebuilding = "";
        if (reports.Rebuilding)
        {
            data["reportsReadFrom"] = ReportsConfiguration.ShardOf(reports.Serving);
            rebuilding = $" {ReportsConfiguration.ShardOf(reports.Current)} is rebuilt beside {ReportsConfiguration.ShardOf(reports.Serving)}, which answers reads until then.";
        }
        var stalled = new List<string>();
        var behind = new List<string>();
        foreach (var shard in shards)
        {
            var position = positions.GetValueOrDefault(shard);
            data[shard] = position;
            if (position >= head)
            {
                _seen.TryRemove(shard, out _);
                continue;
            }

            var seen = _seen.AddOrUpdate(shard, _ => (position, now), (_, old) => old.Sequence == position ? old : (position, now));
            if (Stopwatch.GetElapsedTime(seen.SinceTicks, now) >= StallAfter) stalled.Add($"{shard} at {position} of {head}");
            else behind.Add($"{shard} at {position} of {head}");
        }

        if (stalled.Count > 0)
            return HealthCheckResult.Unhealthy($"Async projection stalled for {StallAfter.TotalSeconds:0}s: {string.Join(", ", stalled)}.{rebuilding}", data: data);
        if (behind.Count > 0)
            return HealthCheckResult.Degraded($"Async projection catching up: {string.Join(", ", behind)}.{rebuilding}", data: data);
        // At the newest event, switching to the new tables at the next look (within a second).
        if (reports.Rebuilding) return HealthCheckResult.Degraded(rebuilding.TrimStart(), data: data);
        return HealthCheckResult.Healthy("Async projections are at the newest event.", data);
    }
}
