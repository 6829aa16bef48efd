using ProgressTracker.Colleges;

namespace ProgressTracker.Students;

/// <summary>
/// Pure functions of a student's decision state: where they stand and what their enrollments look like. Stages are
/// derived here and nowhere else (domain.md section 1).
/// </summary>
public static class Pathway
{
    public static Stage StageOf(Student student)
    {
        // Credentialed and Placed follow the degree (domain.md 1): an early tester who passed is still working toward
        // it, and a job that started before it is not a placement.
        if (student.Degrees.Count > 0)
        {
            if (student.PlacementsAfterDegree.Any()) return Stage.Placed;
            return student.Attempts.Any(x => x.Exam == Exam.Rhit && x.Passed) ? Stage.Credentialed : Stage.Graduated;
        }

        var latest = LatestEnrollment(student);
        if (latest is not null)
        {
            return StatusOf(student, latest) switch
            {
                // A side state (domain.md 1): withdrawn for a transfer to another institution.
                EnrollmentStatus.Withdrawn when LastWithdrawalReason(student, latest) == WithdrawalReason.Transfer => Stage.Transferred,
                EnrollmentStatus.Withdrawn => Stage.Withdrawn,
                _ when MissingCategories(student, latest).Count == 0 => Stage.CourseworkComplete,
                _ => Stage.Enrolled,
            };
        }

        return student.Volunteering.Count > 0 ? Stage.GainingExperience : Stage.Exploring;
    }

    /// <summary>
    /// The end of 150% of normal time after an enrollment start, in whole months rounded up: 36 months for a full-time
    /// entrant of a 24-month program, 72 part-time (normal time doubles part-time, domain.md 5).
    /// </summary>
    public static DateOnly Deadline150(DateOnly startedOn, int normalDurationMonths, bool partTime) =>
        startedOn.AddMonths((normalDurationMonths * (partTime ? 2 : 1) * 3 + 1) / 2);

    /// <summary>The reason of the withdrawal that closed the enrollment, if one did.</summary>
    public static WithdrawalReason? LastWithdrawalReason(Student student, EnrollmentEpisode enrollment) =>
        student.WithdrawnOn(enrollment) is { } on
            ? student.Withdrawals.Last(w => w.ProgramId == enrollment.ProgramId && w.WithdrawnOn == on).Reason
            : null;

    /// <summary>The enrollment that started last, whatever became of it.</summary>
    public static EnrollmentEpisode? LatestEnrollment(Student student) =>
        student.ActiveEnrollments.OrderBy(e => e.StartedOn).LastOrDefault();

    /// <summary>The latest enrollment in a program, whatever became of it.</summary>
    public static EnrollmentEpisode? LatestEnrollment(Student student, Guid programId) =>
        student.ActiveEnrollments.Where(e => e.ProgramId == programId).OrderBy(e => e.StartedOn).LastOrDefault();

    /// <summary>The open enrollment in a program: the latest one there, if no degree or withdrawal closed it.</summary>
    public static EnrollmentEpisode? ActiveEnrollment(Student student, Guid programId) =>
        LatestEnrollment(student, programId) is { } latest && StatusOf(student, latest) == EnrollmentStatus.Active ? latest : null;

    /// <summary>Graduated or withdrawn by whichever closed the episode first (<see cref="Student.ClosedBy"/>); else active.</summary>
    public static EnrollmentStatus StatusOf(Student student, EnrollmentEpisode enrollment) =>
        student.GraduatedOn(enrollment) is not null ? EnrollmentStatus.Graduated
        : student.WithdrawnOn(enrollment) is not null ? EnrollmentStatus.Withdrawn
        : EnrollmentStatus.Active;

    /// <summary>The day an enrollment ended (degree or withdrawal), or null while it is open.</summary>
    public static DateOnly? EndOf(Student student, EnrollmentEpisode enrollment) => student.ClosedBy(enrollment)?.On;

    public static IReadOnlySet<CourseCategory> CompletedCategories(Student student, Guid programId) =>
        student.Courses.Where(c => c.ProgramId == programId).Select(c => c.Category).ToHashSet();

    /// <summary>The required categories of the enrollment's catalog that no standing course completion covers yet.</summary>
    public static IReadOnlyList<CourseCategory> MissingCategories(Student student, EnrollmentEpisode enrollment)
    {
        var done = CompletedCategories(student, enrollment.ProgramId);
        return [.. enrollment.RequiredCategories.Where(c => !done.Contains(c)).Distinct()];
    }
}

public enum EnrollmentStatus { Active, Withdrawn, Graduated }
