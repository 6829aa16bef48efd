namespace ProgressTracker.Students;

/// <summary>
/// Pure functions that read a student's active (not voided) milestones: where they stand and what their
/// enrollments look like. Stages are derived here and nowhere else (domain.md section 1).
/// </summary>
public static class Pathway
{
    public static Stage StageOf(Student student)
    {
        if (student.Active<JobPlaced>().Any()) return Stage.Placed;
        if (student.Active<CertificationExamTaken>().Any(x => x.Passed)) return Stage.Credentialed;
        if (student.Active<DegreeConferred>().Any()) return Stage.Graduated;

        var latest = LatestEnrollment(student);
        if (latest is not null)
        {
            return StatusOf(student, latest) switch
            {
                EnrollmentStatus.Withdrawn => Stage.Withdrawn,
                _ when MissingCategories(student, latest).Count == 0 => Stage.CourseworkComplete,
                _ => Stage.Enrolled,
            };
        }

        return student.Active<VolunteeringLogged>().Any() ? Stage.GainingExperience : Stage.Exploring;
    }

    /// <summary>The enrollment that started last, whatever became of it.</summary>
    public static EnrolledInProgram? LatestEnrollment(Student student) =>
        student.Active<EnrolledInProgram>().OrderBy(e => e.StartedOn).LastOrDefault();

    /// <summary>The open enrollment in a program: the latest one there, if no degree or withdrawal closed it.</summary>
    public static EnrolledInProgram? ActiveEnrollment(Student student, Guid programId)
    {
        var latest = student.Active<EnrolledInProgram>()
            .Where(e => e.ProgramId == programId)
            .OrderBy(e => e.StartedOn)
            .LastOrDefault();
        return latest is not null && StatusOf(student, latest) == EnrollmentStatus.Active ? latest : null;
    }

    public static EnrollmentStatus StatusOf(Student student, EnrolledInProgram enrollment) =>
        StatusOf(GraduatedOn(student, enrollment), WithdrawnOn(student, enrollment));

    /// <summary>Graduated once a degree closed it, whatever else did; withdrawn once only a withdrawal did.</summary>
    public static EnrollmentStatus StatusOf(DateOnly? graduatedOn, DateOnly? withdrawnOn) =>
        graduatedOn is not null ? EnrollmentStatus.Graduated
        : withdrawnOn is not null ? EnrollmentStatus.Withdrawn
        : EnrollmentStatus.Active;

    /// <summary>The day an enrollment ended (degree or withdrawal), or null while it is open.</summary>
    public static DateOnly? EndOf(Student student, EnrolledInProgram enrollment) =>
        EndOf(GraduatedOn(student, enrollment), WithdrawnOn(student, enrollment));

    public static DateOnly? EndOf(DateOnly? graduatedOn, DateOnly? withdrawnOn) =>
        graduatedOn is { } g && withdrawnOn is { } w ? (g < w ? g : w) : graduatedOn ?? withdrawnOn;

    /// <summary>The first degree in the enrollment's program conferred on or after its start, or null.</summary>
    public static DateOnly? GraduatedOn(Student student, EnrolledInProgram enrollment) =>
        student.Active<DegreeConferred>()
            .Where(d => d.ProgramId == enrollment.ProgramId && d.ConferredOn >= enrollment.StartedOn)
            .Min(d => (DateOnly?)d.ConferredOn);

    /// <summary>The first withdrawal from the enrollment's program on or after its start, or null.</summary>
    public static DateOnly? WithdrawnOn(Student student, EnrolledInProgram enrollment) =>
        student.Active<ProgramWithdrawn>()
            .Where(w => w.ProgramId == enrollment.ProgramId && w.WithdrawnOn >= enrollment.StartedOn)
            .Min(w => (DateOnly?)w.WithdrawnOn);

    public static IReadOnlySet<CourseCategory> CompletedCategories(Student student, Guid programId) =>
        student.Active<CourseCompleted>().Where(c => c.ProgramId == programId).Select(c => c.Category).ToHashSet();

    /// <summary>The required categories of the enrollment's catalog that no active course completion covers yet.</summary>
    public static IReadOnlyList<CourseCategory> MissingCategories(Student student, EnrolledInProgram enrollment)
    {
        var done = CompletedCategories(student, enrollment.ProgramId);
        return [.. enrollment.RequiredCategories.Where(c => !done.Contains(c)).Distinct()];
    }
}

public enum EnrollmentStatus { Active, Withdrawn, Graduated }
