using Marten;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.FollowUps;

/// <summary>
/// The one place follow-ups read the student records: who advises a student now, and who is on a caseload now. From
/// the students' own records (committed with their events), as the alert inbox reads them, not the async read model:
/// a reassigned student's follow-ups move at once.
/// </summary>
public static class Caseloads
{
    public static async Task<Guid[]> StudentsOfAsync(IQuerySession session, Guid advisorId, CancellationToken ct) =>
        [.. await session.Query<Student>().Where(s => s.AdvisorId == advisorId).Select(s => s.Id).ToListAsync(ct)];

    /// <summary>The current advisor of each of <paramref name="studentIds"/> that still has a record.</summary>
    public static async Task<Dictionary<Guid, Guid>> AdvisorsOfAsync(IQuerySession session, IEnumerable<Guid> studentIds, CancellationToken ct)
    {
        var ids = studentIds.Distinct().ToArray();
        if (ids.Length == 0) return [];
        var students = await session.LoadManyAsync<Student>(ct, ids);
        return students.ToDictionary(s => s.Id, s => s.AdvisorId);
    }

    public static async Task<Guid?> AdvisorOfAsync(IQuerySession session, Guid studentId, CancellationToken ct) =>
        (await session.LoadAsync<Student>(studentId, ct))?.AdvisorId;
}
