using ProgressTracker.Infrastructure;

namespace ProgressTracker.UnitTests.Infrastructure;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task callers_waiting_while_a_write_runs_share_the_next_write_and_each_returns_once_its_rows_are_written()
    {
        var firstWriteStarted = new TaskCompletionSource();
        var releaseFirstWrite = new TaskCompletionSource();
        List<IReadOnlyList<int>> writes = [];
        await using var commit = new GroupCommit<int>(async (rows, _) =>
        {
            writes.Add([.. rows]);
            if (writes.Count == 1)
            {
                firstWriteStarted.SetResult();
                await releaseFirstWrite.Task;
            }
        });

        var first = commit.WriteAsync([1], TestContext.Current.CancellationToken);
        await firstWriteStarted.Task;
        var waiting = Enumerable.Range(2, 5).Select(i => commit.WriteAsync([i, i * 10], TestContext.Current.CancellationToken)).ToList();
        first.IsCompleted.ShouldBeFalse();
        waiting.ShouldAllBe(w => !w.IsCompleted);

        releaseFirstWrite.SetResult();
        await Task.WhenAll(waiting.Append(first));

        writes.Count.ShouldBe(2);
        writes[1].Order().ShouldBe([2, 3, 4, 5, 6, 20, 30, 40, 50, 60]);
    }

    [Fact]
    public async Task a_failed_write_fails_every_caller_of_its_batch_and_the_next_batch_is_written()
    {
        var fail = true;
        await using var commit = new GroupCommit<int>((_, _) => fail ? throw new InvalidOperationException("database down") : Task.CompletedTask);

        var failed = await Should.ThrowAsync<InvalidOperationException>(() => commit.WriteAsync([1], TestContext.Current.CancellationToken));
        failed.Message.ShouldBe("database down");

        fail = false;
        await commit.WriteAsync([2], TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task callers_waiting_together_are_batched_up_to_max_rows_and_a_larger_caller_is_written_alone()
    {
        var firstWriteStarted = new TaskCompletionSource();
        var releaseFirstWrite = new TaskCompletionSource();
        List<IReadOnlyList<int>> writes = [];
        await using var commit = new GroupCommit<int>(async (rows, _) =>
        {
            writes.Add([.. rows]);
            if (writes.Count == 1)
            {
                firstWriteStarted.SetResult();
                await releaseFirstWrite.Task;
            }
        }, maxRows: 4);

        var ct = TestContext.Current.CancellationToken;
        var first = commit.WriteAsync([0], ct);
        await firstWriteStarted.Task;
        // Queued while the first write runs, in this order: 2 rows, 3, 2, 2, then 6 (more than the limit).
        int[][] callers = [[1, 1], [2, 2, 2], [3, 3], [4, 4], [5, 5, 5, 5, 5, 5]];
        var waiting = callers.Select(rows => commit.WriteAsync(rows, ct)).ToList();
        releaseFirstWrite.SetResult();
        await Task.WhenAll(waiting.Append(first));

        // Batched (two callers share a write) and never past the limit by a caller that does not fit.
        writes.Select(w => w.Count).ShouldBe([1, 2, 3, 4, 6]);
        writes[3].ShouldBe([3, 3, 4, 4]);
    }
}
