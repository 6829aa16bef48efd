using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using ProgressTracker.Advisors.Dashboard;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// The "Reports" async projection: per page of events, the students they touched, read once as their inline
/// <see cref="Student"/> records stand now, and from those records every report read model: the compact cohort rows
/// and caseload entries, and the cohort, college and advisor rosters.
/// </summary>
/// <remarks>
/// Every read model here is a function of the student's current record, which the inline projection commits with the
/// events, so the page's events only say <em>which</em> students to look at. A record read here is at least as new as
/// the page (the daemon reads only committed events) and a rebuild ends on the same documents as live processing.
/// This replaced a two-stage composite projection whose first stage re-folded each student's whole record into a
/// document of its own, stored it, and passed it to five second-stage projections: per page that stored every touched
/// record a second time and held several copies of it in memory (ops/bench, issue 8: rebuild speed and memory).
/// </remarks>
public sealed class ReportsProjection : ProjectionBase, IProjection
{
    public ReportsProjection()
    {
        Name = ReportsConfiguration.ProjectionName;
        // A page loads each touched student's record and each touched roster once, so fewer, larger pages
        // cost less per event; a page of live writes touches as many students as it has events, each record held in
        // memory until the page is written. 5,000: the service peaked at 356 MiB at 200,000 students (338 with 2,000), and
        // rebuilt at 11.4k events/s (7.8k with 2,000).
        Options.BatchSize = 5_000;
        // A rebuild starts from nothing: the documents this projection writes are deleted first.
        Options.DeleteViewTypeOnTeardown<CohortRow>();
        Options.DeleteViewTypeOnTeardown<CaseloadEntry>();
        Options.DeleteViewTypeOnTeardown<CohortRoster>();
        Options.DeleteViewTypeOnTeardown<CollegeRoster>();
        Options.DeleteViewTypeOnTeardown<Caseload>();
    }

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var students = await operations.LoadManyAsync<Student>(cancellation, [.. events.Select(e => e.StreamId).Distinct()]);
        if (students.Count == 0) return;

        foreach (var student in students)
        {
            operations.Store(CaseloadEntry.Of(student));
            foreach (var enrollment in CohortRow.KeysOf(student))
            {
                if (CohortRow.Of(student, enrollment) is { } row) operations.Store(row);
                else operations.Delete<CohortRow>(enrollment);
            }
        }

        // A roster is stored when it is new or a member joined or left: live writes mostly touch students already in
        // all their rosters, and a college's roster holds thousands of ids.
        var cohorts = await RostersAsync(operations, students, CohortRoster.KeysOf, (ops, ids) => ops.LoadManyAsync<CohortRoster>(cancellation, ids),
            r => r.Id, key => new CohortRoster { Id = key });
        cohorts.StoreChanged(operations, (roster, student) => roster.Members.Add(student.Id));

        var colleges = await RostersAsync(operations, students, CollegeRoster.KeysOf, (ops, ids) => ops.LoadManyAsync<CollegeRoster>(cancellation, ids),
            r => r.Id, key => new CollegeRoster { Id = key });
        colleges.StoreChanged(operations, (roster, student) => roster.Members.Add(student.Id));

        // A former advisor's caseload is created even when it ends up empty, as live processing leaves it: the alert
        // sweep resets the alerts of an advisor whose caseload is empty.
        var caseloads = await RostersAsync(operations, students, Caseload.KeysOf, (ops, ids) => ops.LoadManyAsync<Caseload>(cancellation, ids),
            r => r.Id, key => new Caseload { Id = key });
        caseloads.StoreChanged(operations, (caseload, student) => caseload.Update(student));
    }

    /// <summary>
    /// The rosters the page's students belong to (or ever did), loaded in one query, missing ones created: one pair
    /// per student and roster, so that each student is applied to each of their rosters.
    /// </summary>
    private static async Task<RosterChanges<TRoster>> RostersAsync<TRoster, TKey>(
        IDocumentOperations operations, IEnumerable<Student> students, Func<Student, IEnumerable<TKey>> keysOf,
        Func<IDocumentOperations, TKey[], Task<IReadOnlyList<TRoster>>> load, Func<TRoster, TKey> idOf, Func<TKey, TRoster> create)
        where TKey : notnull where TRoster : class
    {
        var pairs = students.SelectMany(s => keysOf(s).Select(key => (Key: key, Student: s))).ToList();
        var rosters = (await load(operations, [.. pairs.Select(p => p.Key).Distinct()])).ToDictionary(idOf);
        HashSet<TRoster> created = [];
        foreach (var key in pairs.Select(p => p.Key).Where(key => !rosters.ContainsKey(key)))
            created.Add(rosters[key] = create(key));
        return new([.. pairs.Select(p => (rosters[p.Key], p.Student))], created);
    }

    private sealed record RosterChanges<TRoster>(List<(TRoster Roster, Student Student)> Pairs, HashSet<TRoster> Created)
        where TRoster : class
    {
        /// <summary>Applies every student to each of their rosters; stores the new and the changed rosters, once each.</summary>
        public void StoreChanged(IDocumentOperations operations, Func<TRoster, Student, bool> apply)
        {
            HashSet<TRoster> changed = [.. Created];
            foreach (var (roster, student) in Pairs)
            {
                if (apply(roster, student)) changed.Add(roster);
            }
            if (changed.Count > 0) operations.Store([.. changed]);
        }
    }
}
