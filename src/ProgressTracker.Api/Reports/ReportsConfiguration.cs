using JasperFx.Events.Projections;
using Marten;
using ProgressTracker.Reports.Cohorts;

namespace ProgressTracker.Reports;

public static class ReportsConfiguration
{
    /// <summary>The projection's name, for <c>projections rebuild -p Reports</c>.</summary>
    public const string ProjectionName = "Reports";

    /// <summary>
    /// The version of what <see cref="ReportsProjection"/> writes. Raise it with any change to the documents it writes
    /// or how it derives them: the new version is rebuilt beside the live one, in its own tables, while the previous
    /// version's tables answer reads (<see cref="ReportsVersions"/>), then reads switch to it (README, "Upgrading").
    /// 2: issue 19's report truth (enrollment episodes, placements after the degree, retention from term registrations).
    /// </summary>
    public const uint Version = 2;

    /// <summary>
    /// The version this node runs: <see cref="Version"/>, or <c>Reports:ProjectionVersion</c> when that is higher
    /// (the upgrade fault test raises it to stand for a changed projection; an operator may raise it to have the
    /// reports rebuilt from the events beside the live ones). A lower setting is ignored.
    /// </summary>
    public static uint VersionFrom(IConfiguration configuration) =>
        Math.Max(Version, configuration.GetValue<uint>("Reports:ProjectionVersion"));

    /// <summary>The progress row's name of a version's shard: <c>Reports:All</c> for version 1, <c>Reports:V2:All</c> after.</summary>
    public static string ShardOf(uint version) => new ShardName(ProjectionName, ShardName.All, version).Identity;

    /// <summary>The tables of version 1 keep their names; a later version's tables end in <c>_N</c>, as Marten names a versioned aggregate's.</summary>
    public static string TableSuffix(uint version) => version > 1 ? $"_{version}" : "";

    /// <summary>
    /// The report read models, kept by the async daemon so that writes stay fast: one projection
    /// (<see cref="ReportsProjection"/>) that derives every report read model from the touched students' records.
    /// Databases written before the rosters became queries over the cohort rows keep the old roster tables
    /// (mt_doc_cohortroster, mt_doc_collegeroster, mt_doc_caseload), no longer read or written.
    /// </summary>
    /// <remarks>
    /// <paramref name="version"/>: the projection's version, which names its progress row and, from 2 on, its tables
    /// (<c>mt_doc_cohortrow_2</c>), so that two versions never write each other's documents.
    /// </remarks>
    public static void ConfigureReports(this StoreOptions opts, uint version = Version)
    {
        opts.Projections.Add(new ReportsProjection(version), ProjectionLifecycle.Async);
        if (version > 1) opts.Schema.For<CohortRow>().DocumentAlias("cohortrow" + TableSuffix(version));
        // Numeric revisions, as Marten gave these documents when multi-stream projections wrote them: an existing
        // database keeps its bigint mt_version columns (Marten's default for plain documents is a Guid version, and
        // bigint cannot be altered to uuid in place).
        opts.Schema.For<CohortRow>().UseNumericRevisions(true);
        // Duplicated into their own indexed columns: the report and the dashboard filter on them.
        // The cohort key's index also holds what the report selects (the rows' JSON, id and version: the service's
        // sessions read all three), so the report is an index-only scan: a cohort's rows sit together in a few index
        // pages instead of on heap pages scattered by the order students were written. A row is a fixed set of small
        // fields (ProgramFacts, no lists: under 1.5 KB with a 200-character name), far below a btree entry's 2.7 KB limit.
        opts.Schema.For<CohortRow>().Duplicate(x => x.CohortKey, configure: index => index.IncludeColumns = ["id", "mt_version", "data"]);
        // The college reports' roster (Rosters.cs): every student with a row at the college.
        opts.Schema.For<CohortRow>().Duplicate(x => x.Facts.CollegeId);
    }
}
