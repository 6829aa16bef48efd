using Marten;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// Who ever enrolled in a cohort or at a college, voided enrollments included: the students of the
/// <see cref="CohortRow"/>s, found by an indexed column. Reports read the members' records (the inline
/// <see cref="Student"/> documents) and decide membership from them (active enrollment, by date), so voids and
/// transfers need no special handling here; a report's cost follows the roster's size, not the event history.
/// </summary>
public static class Rosters
{
    /// <summary>
    /// The records of every student who ever enrolled at the college: current as of the last committed write, or as
    /// they stood at <paramref name="asOf"/> (replayed; a voided enrollment's row keeps its student on the roster).
    /// </summary>
    public static async Task<IReadOnlyCollection<Student>> CollegeAsync(
        IQuerySession session, Guid collegeId, CancellationToken ct, DateTimeOffset? asOf = null)
    {
        var ids = (await session.Query<CohortRow>().Where(r => r.Facts.CollegeId == collegeId).Select(r => r.Facts.StudentId).ToListAsync(ct))
            .Distinct().ToArray();
        if (ids.Length == 0) return [];
        return asOf is { } at ? await ReportQueries.AsOf(session, ids, at, ct) : await session.LoadManyAsync<Student>(ct, ids);
    }

    /// <summary>Every student who ever enrolled in the cohort, from its rows.</summary>
    public static IEnumerable<Guid> StudentsOf(IEnumerable<CohortRow> cohortRows) => cohortRows.Select(r => r.Facts.StudentId).Distinct();
}
