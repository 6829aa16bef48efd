using Marten;
using ProgressTracker.Students.Privacy;

namespace ProgressTracker.Accounts;

/// <summary>An erased student's accounts go, and their e-mail, logins and names with them (domain.md 7).</summary>
public sealed class AccountErasure : IStudentErasurePart
{
    public async Task<IEnumerable<string?>> IdentifyingValuesAsync(IQuerySession session, Guid studentId, CancellationToken ct) =>
        (await session.Query<Account>().Where(a => a.StudentId == studentId).ToListAsync(ct))
            .SelectMany(a => new[] { a.Email, a.Login, a.FormerLogin, a.DisplayName });

    public Task EraseAsync(IDocumentSession session, Guid studentId, CancellationToken ct)
    {
        session.DeleteWhere<Account>(a => a.StudentId == studentId);
        return Task.CompletedTask;
    }
}
