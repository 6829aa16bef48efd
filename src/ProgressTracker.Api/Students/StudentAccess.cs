using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>What a milestone write is, for deciding who may make it.</summary>
public enum MilestoneKind
{
    AdvisorAssignment, Volunteering, Enrollment, CourseCompletion, Withdrawal, Degree, ExamAttempt, JobPlacement, Outcome, Void,
    IdentityCorrection, TermRegistration,
}

/// <summary>
/// Who may see and change which student's record (domain.md section 2), decided in this one place from the caller's
/// claims and the record itself. Least privilege: what a role is not granted here, it cannot do. A record the caller
/// may not see answers 404, as an unknown one; 403 is for what the caller's role can never do, or may not do to a
/// record it sees.
/// </summary>
public static class StudentAccess
{
    /// <summary>What college staff record, and only for their own college's programs.</summary>
    private static readonly HashSet<MilestoneKind> CollegeKinds =
        [MilestoneKind.Enrollment, MilestoneKind.CourseCompletion, MilestoneKind.Withdrawal, MilestoneKind.Degree,
            MilestoneKind.IdentityCorrection, MilestoneKind.TermRegistration];

    /// <summary>Admins register anyone; an advisor registers students onto their own caseload.</summary>
    public static bool CanRegister(Caller caller, Guid advisorId) => caller.IsAdmin || caller.IsAdvisor(advisorId);

    /// <summary>
    /// The student, their advisor, a college that serves them (<see cref="CollegeView.Serves"/>) and admins see the
    /// record; a college sees it through <see cref="CollegeView.Of"/>.
    /// </summary>
    public static bool CanRead(Caller caller, Student student, AccessOptions access, DateOnly today) =>
        caller.IsAdmin || caller.IsStudent(student.Id) || caller.IsAdvisor(student.AdvisorId)
        || (caller is { Role: Roles.College, CollegeId: { } college }
            && CollegeView.Serves(student, college, today, access.CollegeMonthsAfterEnrollment));

    /// <summary>Who read a record is for the student and admins to see (34 CFR 99.32); other roles never.</summary>
    public static bool MayReadAccessLogs(Caller caller) => caller.IsAdmin || caller.Role == Roles.Student;

    public static bool CanReadAccessLog(Caller caller, Student student) => caller.IsAdmin || caller.IsStudent(student.Id);

    /// <summary>Whether the caller's role ever records this kind of milestone, whichever the student.</summary>
    public static bool MayEverRecord(Caller caller, MilestoneKind kind) =>
        caller.IsAdmin || caller.Role == Roles.Advisor || (caller.Role == Roles.College && CollegeKinds.Contains(kind));

    /// <summary>
    /// Admins and the student's advisor record anything; college staff their own programs' milestones, for students it
    /// serves (linked to it before: it can never make a stranger its student by enrolling them).
    /// </summary>
    /// <remarks><c>programCollegeId</c> is the college of the program the milestone is about, if it is about one.</remarks>
    public static bool CanRecord(Caller caller, Student student, MilestoneKind kind, Guid? programCollegeId, AccessOptions access, DateOnly today) =>
        caller.IsAdmin
        || caller.IsAdvisor(student.AdvisorId)
        || (caller.Role == Roles.College && CollegeKinds.Contains(kind) && programCollegeId is { } college
            && caller.IsCollege(college) && CanRead(caller, student, access, today));
}
