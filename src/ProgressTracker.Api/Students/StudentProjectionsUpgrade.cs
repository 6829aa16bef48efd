using Marten;
using ProgressTracker.Students.Timeline;

namespace ProgressTracker.Students;

/// <summary>
/// The inline student projections are kept in tables named by their version (<c>mt_doc_student_2</c>): a new version
/// starts empty. At start, before requests are served, an empty one over existing streams is rebuilt from the events,
/// so an upgrade needs no manual step. Without a version change this is two indexed lookups.
/// </summary>
/// <remarks>Run one node of the new version first (or stop writes): events appended meanwhile by a node still on the
/// old version reach only the old tables.</remarks>
public sealed partial class StudentProjectionsUpgrade(IDocumentStore store, ILogger<StudentProjectionsUpgrade> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns the projections it rebuilt.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct)
    {
        List<string> rebuilt = [];
        await using var session = store.QuerySession();
        if (!await session.Events.QueryAllRawEvents().AnyAsync(ct)) return rebuilt;

        var studentEmpty = !await session.Query<Student>().AnyAsync(ct);
        var timelineEmpty = !await session.Query<StudentTimeline>().AnyAsync(ct);
        if (!studentEmpty && !timelineEmpty) return rebuilt;

        using var daemon = await store.BuildProjectionDaemonAsync();
        if (studentEmpty)
        {
            LogRebuilding(logger, nameof(StudentProjection));
            await daemon.RebuildProjectionAsync<StudentProjection>(TimeSpan.FromMinutes(30), ct);
            rebuilt.Add(nameof(StudentProjection));
        }
        if (timelineEmpty)
        {
            LogRebuilding(logger, nameof(StudentTimelineProjection));
            await daemon.RebuildProjectionAsync<StudentTimelineProjection>(TimeSpan.FromMinutes(30), ct);
            rebuilt.Add(nameof(StudentTimelineProjection));
        }
        return rebuilt;
    }

    [LoggerMessage(LogLevel.Warning, "Rebuilding {Projection} from the events: its table of this version is empty.")]
    private static partial void LogRebuilding(ILogger logger, string projection);
}
