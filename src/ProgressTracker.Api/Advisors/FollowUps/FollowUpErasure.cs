using Marten;
using ProgressTracker.Students.Privacy;

namespace ProgressTracker.Advisors.FollowUps;

/// <summary>
/// The advisor's notes are free text about the student: an erasure blanks them. The follow-ups stay (the college's
/// counts) without them.
/// </summary>
public sealed class FollowUpErasure : IStudentErasurePart
{
    public Task<IEnumerable<string?>> IdentifyingValuesAsync(IQuerySession session, Guid studentId, CancellationToken ct) =>
        Task.FromResult(Enumerable.Empty<string?>());

    public async Task EraseAsync(IDocumentSession session, Guid studentId, CancellationToken ct)
    {
        foreach (var followUp in await session.Query<FollowUp>().Where(f => f.StudentId == studentId).ToListAsync(ct))
            session.Store(followUp.WithoutNotes());
    }
}
