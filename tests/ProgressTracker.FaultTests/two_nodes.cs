using ProgressTracker.FaultTests.Harness;
using ProgressTracker.Reports;

namespace ProgressTracker.FaultTests;

/// <summary>
/// Two service nodes on one database, as production runs them (HotCold daemon: an advisory lock elects the node
/// that runs the async projections). The projection runs on one node only, and moves when that node dies.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class two_nodes(FaultFixture fixture)
{
    [Fact]
    public async Task each_async_projection_runs_on_one_node_and_moves_when_the_leader_is_killed()
    {
        var db = await fixture.DatabaseAsync("two_nodes");
        var env = ServiceNode.Environment(db, "Production", new Dictionary<string, string> { ["Marten__DaemonMode"] = "HotCold" });
        await using var a = await ServiceNode.StartAsync("a", env);
        await using var b = await ServiceNode.StartAsync("b", env);
        var students = await a.Client.RegisterEnrolledStudentsAsync(await b.Client.RegisterAdvisorAsync(), 6);

        // Writes through both nodes, as a load balancer would spread them.
        var load = new Load();
        var turn = 0;
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6)))
            await load.RunAsync(() => Interlocked.Increment(ref turn) % 2 == 0 ? a.Client : b.Client, students, 4, 60, stop.Token);
        await Checks.WaitForProjectionsHealthyAsync(a.Address, TimeSpan.FromSeconds(90));

        var leaders = new[] { a, b }.Where(RunsReports).ToList();
        leaders.Count.ShouldBe(1, "exactly one node runs the Reports projection");
        var leader = leaders[0];
        var follower = leader == a ? b : a;

        leader.Kill();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
            await load.RunAsync(() => follower.Client, students, 4, 40, stop.Token);
        await Checks.WaitForProjectionsHealthyAsync(follower.Address, TimeSpan.FromSeconds(90));
        RunsReports(follower).ShouldBeTrue("the surviving node took the Reports projection over");

        await database_and_process_faults.AssertStoredExactlyOnce(db, load);
        await database_and_process_faults.AssertReportsEqualRebuild(db, env, follower, leader);
    }

    /// <summary>The daemon logs "Started projection agent Reports:V2:All" (the current version's shard) on the node that won the leadership lock.</summary>
    private static bool RunsReports(ServiceNode node) =>
        node.Log.Any(line => line.Contains($"Started projection agent {ReportsConfiguration.ShardOf(ReportsConfiguration.Version)}", StringComparison.Ordinal));
}
