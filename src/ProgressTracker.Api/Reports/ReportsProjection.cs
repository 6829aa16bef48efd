using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// The "Reports" async projection: per page of events, the students they touched, read once as their inline
/// <see cref="Student"/> decision states stand now, and from those a cohort row per enrollment (the cohort report, and
/// the cohort and college rosters).
/// </summary>
/// <remarks>
/// Every read model here is a function of the student's current record, which the inline projection commits with the
/// events, so the page's events only say <em>which</em> students to look at. A record read here is at least as new as
/// the page (the daemon reads only committed events) and a rebuild ends on the same documents as live processing.
/// Each document belongs to one student, so a page writes in proportion to the students it touched: rosters are
/// queries over the rows, not documents of their own (a college's roster of thousands of ids, rewritten by every
/// page that touched one of its students, would dominate a rebuild).
/// </remarks>
public sealed class ReportsProjection : ProjectionBase, IProjection
{
    public ReportsProjection(uint version = ReportsConfiguration.Version)
    {
        Name = ReportsConfiguration.ProjectionName;
        // A raised version is a new shard (Reports:V2:All) that starts from the first event, beside the old one.
        Version = version;
        // Fewer, larger pages cost less per event; a page of live writes touches as many students as it has events,
        // each record held in memory until the page is written, so the page size bounds memory (ops/bench/README.md).
        Options.BatchSize = 5_000;
        // A rebuild starts from nothing: the documents this projection writes are deleted first.
        Options.DeleteViewTypeOnTeardown<CohortRow>();
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // The last version of each touched student's stream in this page. A record already past it has later events,
        // committed with it, that a later page brings, and that page writes the same documents: so this one reads and
        // writes only the students whose record it is current for. In a rebuild each student is then read and written
        // once, by the page holding their last event, however their events are spread over the history (a page of
        // events each on a different student otherwise reads ~5,000 whole records). Live, a page holds the latest
        // events, so it reads every student it touched.
        var lastInPage = new Dictionary<Guid, long>();
        foreach (var e in events) lastInPage[e.StreamId] = Math.Max(e.Version, lastInPage.GetValueOrDefault(e.StreamId));
        var current = await operations.AdvancedSql.QueryAsync<Guid>(
            $"select s.id from {operations.DocumentStore.Options.Schema.For<Student>()} s join unnest(?, ?) as p(id, last) on s.id = p.id where s.mt_version <= p.last",
            cancellation, lastInPage.Keys.ToArray(), lastInPage.Values.ToArray());

        var students = await operations.LoadManyAsync<Student>(cancellation, [.. current]);
        foreach (var student in students)
        {
            foreach (var row in CohortRow.AllOf(student)) operations.Store(row);
        }
    }
}
