using Marten;
using ProgressTracker.Infrastructure.Housekeeping;

namespace ProgressTracker.Students.Privacy;

/// <summary>The "Privacy" settings.</summary>
public sealed class PrivacyOptions
{
    /// <summary>
    /// Years after a student's last recorded activity (the last event on their stream) after which housekeeping erases
    /// the record, as a college's retention schedule says. 0, the default, never erases by itself.
    /// </summary>
    public int RetentionYears { get; set; }
}

/// <summary>Erases, a few at a time, the students whose last activity is older than <see cref="PrivacyOptions.RetentionYears"/>.</summary>
public sealed class RetentionSweep(IDocumentStore store, StudentErasure erasure, PrivacyOptions options, TimeProvider clock) : IHousekeepingTask
{
    /// <summary>Each erasure is several transactions: a small batch keeps a run short.</summary>
    private const int MaxPerBatch = 20;

    public string Name => "students past the retention schedule (erased)";

    public async Task<int> RunBatchAsync(int batchSize, CancellationToken ct)
    {
        if (options.RetentionYears <= 0) return 0;
        var cutoff = clock.GetUtcNow().AddYears(-options.RetentionYears);
        var schema = store.Options.DatabaseSchemaName;
        List<Guid> due;
        await using (var session = store.QuerySession())
        {
            due = [.. await session.AdvancedSql.QueryAsync<Guid>(
                $"""
                select s.id from {schema}.mt_streams s join {store.Options.Schema.For<Student>()} d on d.id = s.id
                where s.timestamp < ? and coalesce((d.data ->> 'erased')::boolean, false) = false
                order by s.timestamp limit ?
                """, ct, cutoff, Math.Min(batchSize, MaxPerBatch))];
        }
        foreach (var id in due) await erasure.EraseAsync(id, "retention-schedule", ct);
        // Each erased student leaves the query's result, so the runner's "batch full: go on" ends.
        return due.Count;
    }
}
