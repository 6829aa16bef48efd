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
    public async Task a_batch_holds_at_most_max_rows_unless_one_caller_hands_in_more()
    {
        var gate = new TaskCompletionSource();
        List<int> sizes = [];
        await using var commit = new GroupCommit<int>(async (rows, _) =>
        {
            sizes.Add(rows.Count);
            await gate.Task;
        }, maxRows: 4);

        var ct = TestContext.Current.CancellationToken;
        var all = new[] { commit.WriteAsync([0], ct) }
            .Concat(Enumerable.Range(0, 6).Select(_ => commit.WriteAsync([1, 2], ct)))
            .ToList();
        gate.SetResult();
        await Task.WhenAll(all);

        sizes.Sum().ShouldBe(13);
        sizes.Skip(1).ShouldAllBe(size => size <= 4);
    }
}
