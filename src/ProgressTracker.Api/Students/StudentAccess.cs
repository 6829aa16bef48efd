using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>What a milestone write is, for deciding who may make it.</summary>
public enum MilestoneKind
{
    AdvisorAssignment, Volunteering, Enrollment, CourseCompletion, Withdrawal, Degree, ExamAttempt, JobPlacement, Outcome, Void,
}

/// <summary>
/// Who may see and change which student's record (domain.md section 2), decided in this one place from the caller's
/// claims and the record itself. Least privilege: what a role is not granted here, it cannot do.
/// </summary>
public static class StudentAccess
{
    /// <summary>What college staff record, and only for their own college's programs.</summary>
    private static readonly HashSet<MilestoneKind> CollegeKinds =
        [MilestoneKind.Enrollment, MilestoneKind.CourseCompletion, MilestoneKind.Withdrawal, MilestoneKind.Degree];

    /// <summary>Admins register anyone; an advisor registers students onto their own caseload.</summary>
    public static bool CanRegister(Caller caller, Guid advisorId) => caller.IsAdmin || caller.IsAdvisor(advisorId);

    /// <summary>The student, their advisor, a college they enrolled at, and admins read the record.</summary>
    public static bool CanRead(Caller caller, Student student) =>
        caller.IsAdmin || caller.IsStudent(student.Id) || caller.IsAdvisor(student.AdvisorId) || IsTheirCollege(caller, student);

    /// <summary>Who read a record is for the student and admins to see (34 CFR 99.32).</summary>
    public static bool CanReadAccessLog(Caller caller, Student student) => caller.IsAdmin || caller.IsStudent(student.Id);

    /// <summary>Admins and the student's advisor record anything; college staff their own programs' milestones.</summary>
    /// <remarks><c>programCollegeId</c> is the college of the program the milestone is about, if it is about one.</remarks>
    public static bool CanRecord(Caller caller, Student student, MilestoneKind kind, Guid? programCollegeId) =>
        caller.IsAdmin
        || caller.IsAdvisor(student.AdvisorId)
        || (caller.Role == Roles.College && CollegeKinds.Contains(kind) && programCollegeId is { } college
            && caller.IsCollege(college) && (kind == MilestoneKind.Enrollment || IsTheirCollege(caller, student)));

    private static bool IsTheirCollege(Caller caller, Student student) =>
        caller.Role == Roles.College && student.Active<EnrolledInProgram>().Any(e => caller.IsCollege(e.CollegeId));
}
