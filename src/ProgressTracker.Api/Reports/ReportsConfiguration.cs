using JasperFx.Events.Projections;
using Marten;
using ProgressTracker.Reports.Cohorts;

namespace ProgressTracker.Reports;

public static class ReportsConfiguration
{
    /// <summary>The projection's name, for <c>projections rebuild -p Reports</c>.</summary>
    public const string ProjectionName = "Reports";

    /// <summary>
    /// The report read models, kept by the async daemon so that writes stay fast: one projection
    /// (<see cref="ReportsProjection"/>) that derives every report read model from the touched students' records.
    /// Databases written before the rosters became queries over the cohort rows keep the old roster tables
    /// (mt_doc_cohortroster, mt_doc_collegeroster, mt_doc_caseload), no longer read or written.
    /// </summary>
    public static void ConfigureReports(this StoreOptions opts)
    {
        opts.Projections.Add(new ReportsProjection(), ProjectionLifecycle.Async);
        // Numeric revisions, as Marten gave these documents when multi-stream projections wrote them: an existing
        // database keeps its bigint mt_version columns (Marten's default for plain documents is a Guid version, and
        // bigint cannot be altered to uuid in place).
        opts.Schema.For<CohortRow>().UseNumericRevisions(true);
        // Duplicated into their own indexed columns: the report and the dashboard filter on them.
        // The cohort key's index also holds what the report selects (the rows' JSON, id and version: the service's
        // sessions read all three), so the report is an index-only scan: a cohort's ~220 rows sit together in ~25 index
        // pages instead of on ~180 heap pages scattered by the order students were written (ops/bench, issue 8: the
        // report's p99 at 200,000 students). A row is a fixed set of small fields (ProgramFacts, no lists: under 1.5 KB
        // with a 200-character name), far below a btree entry's 2.7 KB limit.
        opts.Schema.For<CohortRow>().Duplicate(x => x.CohortKey, configure: index => index.IncludeColumns = ["id", "mt_version", "data"]);
        // The college reports' roster (Rosters.cs): every student with a row at the college.
        opts.Schema.For<CohortRow>().Duplicate(x => x.Facts.CollegeId);
    }
}
