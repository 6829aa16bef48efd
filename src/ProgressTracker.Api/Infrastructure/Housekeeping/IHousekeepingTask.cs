namespace ProgressTracker.Infrastructure.Housekeeping;

/// <summary>
/// One kind of row that outlives its use (kept idempotency answers, ...). The runner calls it a batch at a time so a
/// large backlog never becomes one long transaction.
/// </summary>
public interface IHousekeepingTask
{
    /// <summary>For the log: what is cleaned up.</summary>
    string Name { get; }

    /// <summary>Deletes at most <paramref name="batchSize"/> rows; answers how many it deleted.</summary>
    Task<int> RunBatchAsync(int batchSize, CancellationToken ct);
}
