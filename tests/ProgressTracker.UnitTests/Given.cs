using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.UnitTests;

/// <summary>
/// The unit tests' one vocabulary of builders: student records built from events the way the projection does (no
/// database), programs, and each milestone. Report and alert tests use it with <c>using static</c>.
/// </summary>
public static class Given
{
    public const string By = "advisor-1";
    public static readonly Caller Advisor = new(By, "advisor");
    private static readonly DateTimeOffset Recorded = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly CourseCategory[] Required =
        [CourseCategory.English, CourseCategory.Mathematics, CourseCategory.MedicalTerminology, CourseCategory.HealthInformation];

    public static Student Student(Guid? id = null)
    {
        var studentId = id ?? Guid.CreateVersion7();
        return ProgressTracker.Students.Student.Registered(
            new StudentRegistered(Guid.CreateVersion7(), studentId, "Rosa Diaz", "rosa@example.edu", null, Guid.CreateVersion7(),
                new DateOnly(2024, 1, 1), By), Recorded);
    }

    public static Student With(this Student student, Milestone milestone) => student.Record(milestone, Recorded);

    public static AcademicProgram Program(bool accredited = true, DateOnly? accreditedFrom = null, DateOnly? accreditedTo = null) => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "Health Information Technology AAS", Award.Aas, 24, Required,
        accredited ? [new Accreditation("CAHIIM", accreditedFrom ?? new DateOnly(2010, 1, 1), accreditedTo)] : []);

    public static IReadOnlyDictionary<Guid, AcademicProgram> Catalog(params AcademicProgram[] programs) =>
        programs.ToDictionary(p => p.Id);

    public static VolunteeringLogged Volunteering(Guid? studentId = null) =>
        new(Guid.CreateVersion7(), studentId ?? Guid.Empty, "Mercy General", CareSetting.Hospital, 20,
            new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 28), By);

    public static EnrolledInProgram Enrollment(AcademicProgram program, DateOnly? startedOn = null, Intensity intensity = Intensity.FullTime) =>
        new(Guid.CreateVersion7(), Guid.Empty, program.CollegeId, program.Id, "2024-FA", intensity,
            startedOn ?? new DateOnly(2024, 8, 26), program.RequiredCategories, program.NormalDurationMonths, By);

    public static CourseCompleted Course(AcademicProgram program, CourseCategory category, DateOnly? on = null) =>
        new(Guid.CreateVersion7(), Guid.Empty, program.Id, $"C-{category}", $"{category} I", category, 3, "B",
            on ?? new DateOnly(2025, 5, 1), By);

    public static Student WithAllCourses(this Student student, AcademicProgram program, DateOnly? on = null) =>
        program.RequiredCategories.Aggregate(student, (s, c) => s.With(Course(program, c, on)));

    public static DegreeConferred Degree(AcademicProgram program, DateOnly? on = null) =>
        new(Guid.CreateVersion7(), Guid.Empty, program.Id, Award.Aas, on ?? new DateOnly(2026, 5, 15), By);

    public static ProgramWithdrawn Withdrawal(AcademicProgram program, DateOnly on, WithdrawalReason reason = WithdrawalReason.Personal) =>
        new(Guid.CreateVersion7(), Guid.Empty, program.Id, on, reason, By);

    public static CertificationExamTaken Exam(DateOnly on, bool passed) =>
        new(Guid.CreateVersion7(), Guid.Empty, ProgressTracker.Students.Exam.Rhit, on, passed, passed ? 320 : 260, By);

    public static MilestoneVoided Void(Guid milestoneId, string reason = "entered twice") =>
        new(Guid.CreateVersion7(), Guid.Empty, milestoneId, reason, new DateOnly(2024, 3, 1), By);

    // Terse forms for the report and alert tests: programs by id, dates as "yyyy-MM-dd".

    /// <summary>The required categories of <see cref="Enrollment(Guid, Guid, string, string, int, Intensity)"/>: what <see cref="Coursework"/> completes.</summary>
    public static readonly CourseCategory[] TwoCategories = [CourseCategory.English, CourseCategory.HealthInformation];

    public static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    public static EnrolledInProgram Enrollment(Guid college, Guid program, string cohort, string on, int months = 24,
        Intensity intensity = Intensity.FullTime) =>
        new(Guid.CreateVersion7(), Guid.Empty, college, program, cohort, intensity, D(on), TwoCategories, months, By);

    public static Student Coursework(this Student s, Guid program, string on) => s
        .With(new CourseCompleted(Guid.CreateVersion7(), s.Id, program, "ENG101", "Composition", CourseCategory.English, 3, "A", D(on), By))
        .With(new CourseCompleted(Guid.CreateVersion7(), s.Id, program, "HIT101", "Coding", CourseCategory.HealthInformation, 3, "A", D(on), By));

    public static DegreeConferred Degree(Guid program, string on) => new(Guid.CreateVersion7(), Guid.Empty, program, Award.Aas, D(on), By);

    public static ProgramWithdrawn Withdrawal(Guid program, string on, WithdrawalReason reason) =>
        new(Guid.CreateVersion7(), Guid.Empty, program, D(on), reason, By);

    public static CertificationExamTaken Exam(string on, bool passed) =>
        new(Guid.CreateVersion7(), Guid.Empty, ProgressTracker.Students.Exam.Rhit, D(on), passed, passed ? 320 : 280, By);

    public static JobPlaced Job(string on, bool inField = true, CareSetting setting = CareSetting.Hospital,
        Specialty specialty = Specialty.Coding, bool fullTime = true) =>
        new(Guid.CreateVersion7(), Guid.Empty, "Mercy General", setting, specialty, fullTime, inField, D(on), By);

    public static TermRegistered Term(Guid college, Guid program, string term, string on = "2024-01-01") =>
        new(Guid.CreateVersion7(), Guid.Empty, college, program, term, D(on), By);

    public static GraduateOutcomeReported Outcome(OutcomeStatus status, string on) =>
        new(Guid.CreateVersion7(), Guid.Empty, status, D(on), By);

    /// <summary>Enrolled in an accredited program, every required course done, degree conferred.</summary>
    public static (Student Student, AcademicProgram Program) Graduate(bool accredited = true)
    {
        var program = Program(accredited);
        var student = Student().With(Enrollment(program)).WithAllCourses(program).With(Degree(program));
        return (student, program);
    }
}
