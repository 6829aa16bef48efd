using ProgressTracker.Students;

namespace ProgressTracker.UnitTests.Reports;

/// <summary>Terse milestone builders for report tests; dates are "yyyy-MM-dd".</summary>
public static class M
{
    public static readonly CourseCategory[] Required = [CourseCategory.English, CourseCategory.HealthInformation];

    public static DateOnly D(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    public static EnrolledInProgram Enroll(Guid college, Guid program, string cohort, string on, int months = 24,
        Intensity intensity = Intensity.FullTime) =>
        new(Guid.CreateVersion7(), Guid.Empty, college, program, cohort, intensity, D(on), Required, months, Given.By);

    public static Student Coursework(this Student s, Guid program, string on) => s
        .With(new CourseCompleted(Guid.CreateVersion7(), s.Id, program, "ENG101", "Composition", CourseCategory.English, 3, "A", D(on), Given.By))
        .With(new CourseCompleted(Guid.CreateVersion7(), s.Id, program, "HIT101", "Coding", CourseCategory.HealthInformation, 3, "A", D(on), Given.By));

    public static DegreeConferred Degree(Guid program, string on) => new(Guid.CreateVersion7(), Guid.Empty, program, Award.Aas, D(on), Given.By);

    public static ProgramWithdrawn Withdraw(Guid program, string on, WithdrawalReason reason) =>
        new(Guid.CreateVersion7(), Guid.Empty, program, D(on), reason, Given.By);

    public static CertificationExamTaken Exam(string on, bool passed) =>
        new(Guid.CreateVersion7(), Guid.Empty, ProgressTracker.Students.Exam.Rhit, D(on), passed, passed ? 320 : 280, Given.By);

    public static JobPlaced Job(string on, bool inField = true, CareSetting setting = CareSetting.Hospital,
        Specialty specialty = Specialty.Coding, bool fullTime = true) =>
        new(Guid.CreateVersion7(), Guid.Empty, "Mercy General", setting, specialty, fullTime, inField, D(on), Given.By);

    public static TermRegistered Term(Guid college, Guid program, string term, string on = "2024-01-01") =>
        new(Guid.CreateVersion7(), Guid.Empty, college, program, term, D(on), Given.By);

    public static GraduateOutcomeReported Outcome(OutcomeStatus status, string on) =>
        new(Guid.CreateVersion7(), Guid.Empty, status, D(on), Given.By);
}
