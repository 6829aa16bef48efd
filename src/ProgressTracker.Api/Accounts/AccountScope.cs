using Marten;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;

namespace ProgressTracker.Accounts;

/// <summary>
/// Which accounts a caller manages (domain.md section 2, "People, accounts and sign-in"), decided in this one place:
/// an admin every account; college staff their own college's staff (role college, their college id) and the accounts
/// of the students it serves (<see cref="CollegeView.Serves"/>: registered by its roster or enrolled in one of its programs,
/// until its access ends). Anything else is answered as if it did not exist.
/// </summary>
public static class AccountScope
{
    /// <summary>Whether <paramref name="caller"/> may invite, see or revoke an account of this role and scope.</summary>
    public static async Task<bool> ManagesAsync(Caller caller, string role, Guid? collegeId, Guid? studentId, IQuerySession session,
        HttpContext http, CancellationToken ct)
    {
        if (caller.IsAdmin) return true;
        if (caller is not { Role: Roles.College, CollegeId: { } own }) return false;
        return role switch
        {
            Roles.College => collegeId == own,
            Roles.Student => studentId is { } id && await session.LoadAsync<Student>(id, ct) is { } student && Serves(http, student, own),
            _ => false,
        };
    }

    public static Task<bool> ManagesAsync(Caller caller, Account account, IQuerySession session, HttpContext http, CancellationToken ct) =>
        ManagesAsync(caller, account.Role, account.CollegeId, account.StudentId, session, http, ct);

    /// <summary>The same rule as the college's reads: its account rights end with its access to the student.</summary>
    private static bool Serves(HttpContext http, Student student, Guid college) =>
        CollegeView.Serves(student, college, http.RequestServices.GetRequiredService<TimeProvider>().Today(),
            http.RequestServices.GetRequiredService<AccessOptions>().CollegeMonthsAfterEnrollment);

    /// <summary>
    /// The accounts within a college's scope: its staff, and the student accounts of students at it. Candidates are
    /// the students its roster registered and those who ever enrolled there (the report rows, kept by the async daemon,
    /// so an enrollment of the last seconds may not show yet); each candidate's record then decides, voids included.
    /// </summary>
    public static async Task<IReadOnlyList<Account>> OfCollegeAsync(IQuerySession session, Guid collegeId, HttpContext http,
        CancellationToken ct)
    {
        var staff = await session.Query<Account>().Where(a => a.Role == Roles.College && a.CollegeId == collegeId).ToListAsync(ct);

        var registered = await session.Query<Student>().Where(s => s.CollegeId == collegeId).Select(s => s.Id).ToListAsync(ct);
        var enrolled = await session.Query<CohortRow>()
            .Where(r => r.Facts.CollegeId == collegeId).Select(r => r.Facts.StudentId).ToListAsync(ct);
        var candidates = registered.Concat(enrolled).Distinct().Select(id => (Guid?)id).ToArray();
        if (candidates.Length == 0) return staff;

        var studentAccounts = await session.Query<Account>()
            .Where(a => a.Role == Roles.Student && a.StudentId.IsOneOf(candidates)).ToListAsync(ct);
        if (studentAccounts.Count == 0) return staff;
        var atCollege = (await session.LoadManyAsync<Student>(ct, [.. studentAccounts.Select(a => a.StudentId!.Value).Distinct()]))
            .Where(s => Serves(http, s, collegeId)).Select(s => s.Id).ToHashSet();
        return [.. staff, .. studentAccounts.Where(a => atCollege.Contains(a.StudentId!.Value))];
    }
}
