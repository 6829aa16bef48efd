using System.Threading.Channels;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Group commit: callers hand in rows and wait until they are durable; one writer loop takes every row waiting at
/// that moment and writes them in one statement and one transaction. Under load, many requests share one round trip
/// and one commit instead of paying for one each; alone, a caller waits for exactly its own write (no timer, no
/// linger). A failed write fails every caller of that batch, so nobody is told "done" for a row that is not stored.
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _write;
    private readonly int _maxRows;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public GroupCommit(Func<IReadOnlyList<T>, CancellationToken, Task> write, int maxRows = 2_000)
    {
        _write = write;
        _maxRows = maxRows;
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once <paramref name="rows"/> are committed; throws what the write threw if they are not.</summary>
    public Task WriteAsync(IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var pending = new Pending(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit<T>));
        // A caller that gives up still has its rows written: the write may already be on its way.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        List<Pending> batch = [];
        List<T> rows = [];
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            rows.Clear();
            // A caller's rows go whole into one batch, and only while they fit: a caller with more than the limit
            // is a batch of its own.
            while (_queue.Reader.TryPeek(out var next) && (batch.Count == 0 || rows.Count + next.Rows.Count <= _maxRows))
            {
                _queue.Reader.TryRead(out var pending);
                batch.Add(pending!);
                rows.AddRange(pending!.Rows);
            }

            try
            {
                await _write(rows, _stopping.Token);
                foreach (var pending in batch) pending.Done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Rows already handed in are still written; then the loop ends.
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    private sealed record Pending(IReadOnlyList<T> Rows, TaskCompletionSource Done);
}
