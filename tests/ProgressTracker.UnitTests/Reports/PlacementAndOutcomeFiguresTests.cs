using ProgressTracker.Colleges;
using ProgressTracker.Reports.Outcomes;
using ProgressTracker.Reports.Placements;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Reports;

public sealed class PlacementAndOutcomeFiguresTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid Program = Guid.CreateVersion7();

    private static Student Graduate(string start, string degreeOn) =>
        Given.Student().With(Enrollment(College, Program, "2022-FA", start)).Coursework(Program, "2024-01-10").With(Degree(Program, degreeOn));

    private static List<Student> Placed()
    {
        var voidedJob = Job("2024-06-01");
        return
        [
            // A: 47 days after the degree; a second job recorded in error and voided.
            Graduate("2022-08-22", "2024-05-15").With(Job("2024-07-01")).With(voidedJob).With(Given.Void(voidedJob.MilestoneId)),
            // H: part-time off-field 61 days after the degree, then in-field 273 days after it.
            Graduate("2022-08-22", "2024-06-01")
                .With(Job("2024-08-01", inField: false, setting: CareSetting.PhysicianOffice, specialty: Specialty.RecordsManagement, fullTime: false))
                .With(Job("2025-03-01")),
            // S: a job while studying, no degree.
            Given.Student().With(Enrollment(College, Program, "2022-FA", "2022-08-22")).With(Job("2023-06-01", setting: CareSetting.Outpatient)),
            // Another college's student.
            Given.Student().With(Enrollment(Guid.CreateVersion7(), Program, "2022-FA", "2022-08-22")).With(Job("2024-07-01")),
        ];
    }

    [Fact]
    public void placements_in_a_range_are_counted_by_kind()
    {
        var report = PlacementFigures.Report(Placed(), College, D("2024-01-01"), D("2024-12-31"));

        report.Placements.ShouldBe(2);   // A 2024-07-01, H 2024-08-01
        report.BySetting["hospital"].ShouldBe(1);
        report.BySetting["physician-office"].ShouldBe(1);
        report.BySetting["outpatient"].ShouldBe(0);
        report.BySpecialty["records-management"].ShouldBe(1);
        report.ByHours["part-time"].ShouldBe(1);
        report.ByField["out-of-field"].ShouldBe(1);
        report.MedianDaysDegreeToJob.ShouldBe(54);   // (47 + 61) / 2
    }

    [Fact]
    public void without_a_range_the_jobs_after_a_degree_count_and_the_median_takes_each_graduates_first()
    {
        var report = PlacementFigures.Report(Placed(), College, null, null);

        // S's job while studying is not a placement (domain.md 1): A, and H twice.
        report.Placements.ShouldBe(3);
        // First placements only, as the cohort report: A 47, H 61 (not H's second job, 273).
        report.MedianDaysDegreeToJob.ShouldBe(54);
    }

    [Fact]
    public void outcomes_of_an_academic_year()
    {
        var program = new AcademicProgram(Program, College, "HIT", Award.Aas, 24, TwoCategories, [new("CAHIIM", D("2010-01-01"), null)]);
        List<Student> students =
        [
            // Due this year (started 2021-09-01: 150% ends 2024-09-01): P1 graduated in time, P2 did not, P3 excluded.
            Graduate("2021-09-01", "2023-06-01"),
            Given.Student().With(Enrollment(College, Program, "2021-FA", "2021-09-01")),
            Given.Student().With(Enrollment(College, Program, "2021-FA", "2021-09-01")).With(Withdrawal(Program, "2022-01-10", WithdrawalReason.Deceased)),
            // Graduates of the year: Q1 employed and passed first time, Q2 military and failed, Q3 seeking.
            Graduate("2022-08-22", "2024-12-15").With(Exam("2025-01-10", true)).With(Job("2025-02-01")),
            Graduate("2022-08-22", "2025-05-01").With(Exam("2025-06-01", false)).With(Outcome(OutcomeStatus.Military, "2025-06-10")),
            Graduate("2022-08-22", "2025-05-01").With(Outcome(OutcomeStatus.Seeking, "2025-06-10")),
        ];
        var year = AcademicYear.Parse("2024-25")!;

        var outcomes = OutcomeFigures.Report(students, [program], College, year, D("2025-09-01")).Programs.Single();

        outcomes.Graduates.ShouldBe(3);
        (outcomes.GraduationRate.Numerator, outcomes.GraduationRate.Denominator).ShouldBe((1, 2));
        (outcomes.EmploymentRate.Numerator, outcomes.EmploymentRate.Denominator).ShouldBe((1, 2));     // Q1 of Q1 Q3
        (outcomes.CertificationPassRate.Numerator, outcomes.CertificationPassRate.Denominator).ShouldBe((1, 2));
        (outcomes.InFieldShare.Numerator, outcomes.InFieldShare.Denominator).ShouldBe((1, 1));
        // No entrant in 2024-25; P3's exclusion is among those due; no withdrawal dated in the year.
        outcomes.Counts.ShouldBe(new OutcomeCounts(0, 0, 3, 0, 1));
        outcomes.AccreditationEndedOn.ShouldBeNull();
    }

    [Theory]
    [InlineData("2025-26", true)]
    [InlineData("2099-00", true)]
    [InlineData("2025-27", false)]
    [InlineData("2025", false)]
    [InlineData(null, false)]
    public void academic_years_are_aug_to_jul(string? raw, bool valid)
    {
        var year = AcademicYear.Parse(raw);
        (year is not null).ShouldBe(valid);
        if (raw == "2025-26")
        {
            year!.From.ShouldBe(D("2025-08-01"));
            year.To.ShouldBe(D("2026-07-31"));
        }
    }

    [Fact]
    public void outcomes_list_only_programs_accredited_in_the_year_and_count_jobs_within_a_year_of_the_degree()
    {
        // Accredited 2010-01-01 to 2024-12-31: listed for 2024-25 (accredited part of it), its end shown; a program
        // never accredited is not listed.
        var ended = new AcademicProgram(Program, College, "HIT", Award.Aas, 24, TwoCategories, [new("CAHIIM", D("2010-01-01"), D("2024-12-31"))]);
        var never = new AcademicProgram(Guid.CreateVersion7(), College, "Medical Office", Award.Aas, 24, TwoCategories, []);
        List<Student> students =
        [
            // Degree 2024-12-15: a job from before enrolling (not a placement), then one 13 months after: not employed
            // within 12 months. Degree 2025-05-01 and a job 2026-04-30 (within 12 months, out of field): employed.
            Given.Student().With(Job("2019-06-01")).With(Enrollment(College, Program, "2022-FA", "2022-08-22"))
                .Coursework(Program, "2024-01-10").With(Degree(Program, "2024-12-15")).With(Job("2026-01-16")),
            Graduate("2022-08-22", "2025-05-01").With(Job("2026-04-30", inField: false)),
        ];

        var report = OutcomeFigures.Report(students, [ended, never], College, AcademicYear.Parse("2024-25")!, D("2026-09-01"));

        var outcomes = report.Programs.ShouldHaveSingleItem();
        outcomes.AccreditationEndedOn.ShouldBe(D("2024-12-31"));
        (outcomes.EmploymentRate.Numerator, outcomes.EmploymentRate.Denominator).ShouldBe((1, 2));
        (outcomes.InFieldShare.Numerator, outcomes.InFieldShare.Denominator).ShouldBe((0, 1));
        OutcomeFigures.Report(students, [ended], College, AcademicYear.Parse("2025-26")!, D("2026-09-01")).Programs.ShouldBeEmpty();
    }
}
