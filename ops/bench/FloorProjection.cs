using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ProgressTracker.Bench;

/// <summary>
/// The floor diagnostic for step 4: the least a per-student projection can do (count the stream's events into a
/// tiny document), registered in the bench's store only. Its rebuild rate over the same mt_events is Marten's own
/// ceiling for a rebuild on this machine: event paging, deserializing, grouping by stream and one small upsert per
/// student, with none of the service's projection work.
/// </summary>
public sealed class StreamEventCount
{
    public Guid Id { get; set; }
    public int Events { get; set; }
}

public sealed partial class StreamEventCountProjection : SingleStreamProjection<StreamEventCount, Guid>
{
    public const string ProjectionName = "BenchStreamEventCount";

    /// <param name="batchSize">The page size of Reports, so that the two rebuilds differ only in projection work.</param>
    public StreamEventCountProjection(int batchSize)
    {
        Name = ProjectionName;
        Options.BatchSize = batchSize;
    }

    public override StreamEventCount? Evolve(StreamEventCount? snapshot, Guid id, IEvent e)
    {
        var count = snapshot ?? new StreamEventCount { Id = id };
        count.Events++;
        return count;
    }
}
