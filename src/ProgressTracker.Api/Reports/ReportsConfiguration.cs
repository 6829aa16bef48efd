using Marten;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Advisors.Dashboard;
using ProgressTracker.Reports.Cohorts;

namespace ProgressTracker.Reports;

public static class ReportsConfiguration
{
    /// <summary>The composite projection's name, for <c>projections rebuild -p Reports</c>.</summary>
    public const string ProjectionName = "Reports";

    /// <summary>
    /// The report read models, built by the async daemon so that writes stay fast. One composite projection, two
    /// stages: per-student facts, then the cohort, college and advisor rosters built from them in the same batch.
    /// </summary>
    public static void ConfigureReports(this StoreOptions opts)
    {
        opts.Projections.CompositeProjectionFor(ProjectionName, reports =>
        {
            reports.Add(new StudentFactsProjection());
            reports.Add(new CohortRosterProjection(), 2);
            reports.Add(new CollegeRosterProjection(), 2);
            reports.Add(new CaseloadProjection(), 2);
            // Compact rows the current cohort report and the dashboard query by an indexed key (ops/bench, issue 8).
            reports.Add(new CohortRowProjection(), 2);
            reports.Add(new CaseloadEntryProjection(), 2);
            // Bigger pages than the default 500: each page loads and stores every roster it touches once, so fewer,
            // larger pages make catch-up and rebuilds cheaper per event. ops/bench, rebuilds alternated in one run:
            // 1,000 -> 5,800, 5,000 -> 8,000-10,700, 20,000 -> 11,600-12,000, 50,000 -> 15,200-17,000 events/s. But a
            // page is held in memory whole, with the whole record of every student it touches (StudentFacts), and
            // live writes touch a different student each: at 200,000 students a page of 20,000 such events took the
            // service from ~440 to 774 MiB against a 500 MB budget; 5,000 still peaked at 536 MiB. 2,000 bounds a page
            // to 2,000 students' records, at the price of slower rebuilds.
            reports.Options.BatchSize = 2_000;
        });
        // The alert inbox is not a projection: the notifier writes it, so a rebuild leaves it alone.
        opts.Schema.For<AdvisorAlert>().Index(x => x.AdvisorId);
        // Duplicated into their own indexed columns: the report and the dashboard filter on them.
        // The cohort key's index also holds what the report selects (the rows' JSON, id and version: the service's
        // sessions read all three), so the report is an index-only scan: a cohort's ~220 rows sit together in ~25 index
        // pages instead of on ~180 heap pages scattered by the order students were written (ops/bench, issue 8: the
        // report's p99 at 200,000 students). A row is a fixed set of small fields (ProgramFacts, no lists: under 1.5 KB
        // with a 200-character name), far below a btree entry's 2.7 KB limit. CaseloadEntry is not covered the same
        // way: its alert inputs are lists with no bound.
        opts.Schema.For<CohortRow>().Duplicate(x => x.CohortKey, configure: index => index.IncludeColumns = ["id", "mt_version", "data"]);
        opts.Schema.For<CaseloadEntry>().Duplicate(x => x.AdvisorId);
    }
}
