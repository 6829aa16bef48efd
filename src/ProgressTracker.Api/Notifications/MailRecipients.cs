using Marten;
using ProgressTracker.Accounts;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.Notifications;

/// <summary>
/// Where mail goes: the e-mail of the person's account in the directory (Accounts), invited or active. A revoked
/// account gets nothing. This is also the erasure seam: a student whose record is gone or whose identity was erased
/// (no e-mail left on the record) gets nothing, whatever an account still says.
/// </summary>
public static class MailRecipients
{
    public static Task<string?> AdvisorAsync(IQuerySession session, Guid advisorId, CancellationToken ct) =>
        EmailOfAsync(session.Query<Account>().Where(a => a.Role == Roles.Advisor && a.AdvisorId == advisorId), ct);

    public static async Task<string?> StudentAsync(IQuerySession session, Guid studentId, CancellationToken ct)
    {
        var student = await session.LoadAsync<Student>(studentId, ct);
        if (student is null || string.IsNullOrWhiteSpace(student.Email)) return null;
        return await EmailOfAsync(session.Query<Account>().Where(a => a.Role == Roles.Student && a.StudentId == studentId), ct);
    }

    private static async Task<string?> EmailOfAsync(IQueryable<Account> accounts, CancellationToken ct)
    {
        var open = await accounts.Where(a => a.State != AccountState.Revoked).ToListAsync(ct);
        // An active account (the person signed in with it) before a pending invitation.
        return open.OrderBy(a => a.State == AccountState.Active ? 0 : 1).ThenByDescending(a => a.InvitedAt).FirstOrDefault()?.Email;
    }
}
