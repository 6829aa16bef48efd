using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Reports.Cohorts;

public sealed class CohortFiguresTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid OtherCollege = Guid.CreateVersion7();
    private static readonly Guid Program = Guid.CreateVersion7();
    private const string Cohort = "2022-FA";
    private const string Start = "2022-08-22"; // 150% of 24 months: degree by 2025-08-22

    private static Student Member() => Given.Student().With(Enrollment(College, Program, Cohort, Start));

    /// <summary>Every graduate, and F and G below, registered for 2023-FA: retained (IPEDS fall-to-fall).</summary>
    private static Student Graduate(string on) => Member().With(Term(College, Program, "2023-FA")).Coursework(Program, "2024-04-01").With(Degree(Program, on));

    /// <summary>Ten members, one excluded, and two students who must not leak in; every figure counted by hand below.</summary>
    private static List<Student> Cohort2022Fa()
    {
        var voidedDegree = Degree(Program, "2024-05-15");
        return
        [
            // A: on time, passed first time after the degree, in-field job 47 days after the degree.
            Graduate("2024-05-15").With(Exam("2024-06-20", true)).With(Job("2024-07-01")),
            // B: late (after 2025-08-22); failed then passed; seeking work.
            Graduate("2025-12-15").With(Exam("2026-01-10", false)).With(Exam("2026-03-01", true))
                .With(Outcome(OutcomeStatus.Seeking, "2026-03-15")),
            // C: early tester (passed 39 days before the degree); continuing education.
            Graduate("2024-05-10").With(Exam("2024-04-01", true)).With(Outcome(OutcomeStatus.ContinuingEducation, "2024-06-01")),
            // D: deceased: an IPEDS exclusion.
            Member().With(Withdrawal(Program, "2023-03-01", WithdrawalReason.Deceased)),
            // E: withdrew for personal reasons: counted, not retained.
            Member().With(Withdrawal(Program, "2023-03-01", WithdrawalReason.Personal)),
            // F: still enrolled, coursework complete.
            Member().With(Term(College, Program, "2023-FA")).Coursework(Program, "2024-04-01"),
            // G: degree recorded then voided: still enrolled, coursework complete, not a graduate.
            Member().With(Term(College, Program, "2023-FA")).Coursework(Program, "2024-04-01").With(voidedDegree).With(Given.Void(voidedDegree.MilestoneId)),
            // H: failed once; a job off-field 61 days after the degree, in-field only after 9 months.
            Graduate("2024-06-01").With(Exam("2024-07-01", false)).With(Job("2024-08-01", inField: false)).With(Job("2025-03-01")),
            // I: not seeking.
            Graduate("2024-05-20").With(Outcome(OutcomeStatus.NotSeeking, "2024-06-01")),
            // J: military.
            Graduate("2024-05-20").With(Outcome(OutcomeStatus.Military, "2024-06-01")),
            // Not members: another entry term, another college.
            Given.Student().With(Enrollment(College, Program, "2023-SP", "2023-01-10")).Coursework(Program, "2024-04-01").With(Degree(Program, "2024-05-15")),
            Given.Student().With(Enrollment(OtherCollege, Program, Cohort, Start)).Coursework(Program, "2024-04-01").With(Degree(Program, "2024-05-15")),
        ];
    }

    private static Measure MeasureNamed(CohortReport report, string name) => report.Measures.Single(m => m.Name == name);

    [Fact]
    public void counts_members_exclusions_and_the_funnel()
    {
        var report = CohortFigures.Report(Cohort2022Fa(), College, Cohort, null, null);

        report.CohortSize.ShouldBe(10);
        report.Excluded.ShouldBe(1);
        // coursework: 6 graduates + F + G; graduated: A B C H I J; attempted: A B C H; passed: A B C; placed: A H.
        report.Funnel.ShouldBe(new Funnel(10, 8, 6, 4, 3, 2));
    }

    [Theory]
    [InlineData("graduation-rate-150", 5, 9)]      // A C H I J of 10 - 1 (B is late, G's degree is void)
    [InlineData("retention", 8, 9)]                // 6 graduates + F + G registered for 2023-FA; E withdrew
    [InlineData("first-attempt-pass-rate", 2, 4)]  // A C of A B C H
    [InlineData("ultimate-pass-rate", 3, 4)]       // A B C of A B C H
    [InlineData("knowledge-rate", 6, 6)]           // every graduate has an outcome
    [InlineData("career-outcomes-rate", 4, 5)]     // A C H J of A B C H J (I is not seeking)
    [InlineData("in-field-placement-rate", 1, 4)]  // A of A B H I (C continuing education, J military)
    public void computes_each_measure(string name, int numerator, int denominator)
    {
        var measure = MeasureNamed(CohortFigures.Report(Cohort2022Fa(), College, Cohort, null, null), name);

        measure.Numerator.ShouldBe(numerator);
        measure.Denominator.ShouldBe(denominator);
        measure.Rate.ShouldBe(Math.Round((double)numerator / denominator, 4));
        measure.Formula.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void computes_median_days()
    {
        var report = CohortFigures.Report(Cohort2022Fa(), College, Cohort, null, null);

        // Enrollment to degree: 627 632 637 637 649 1211 -> (637 + 637) / 2.
        // Degree to first pass: C -39 (early tester), A 36, B 76 -> 36. Degree to first job: A 47, H 61 -> 54.
        report.MedianDays.ShouldBe(new MedianDays(637, 36, 54));
    }

    [Fact]
    public void a_program_filter_keeps_only_that_programs_members()
    {
        var otherProgram = Guid.CreateVersion7();
        List<Student> students = [.. Cohort2022Fa(), Given.Student().With(Enrollment(College, otherProgram, Cohort, Start))];

        CohortFigures.Report(students, College, Cohort, null, null).CohortSize.ShouldBe(11);
        CohortFigures.Report(students, College, Cohort, otherProgram, null).CohortSize.ShouldBe(1);
    }

    [Fact]
    public void a_voided_enrollment_is_not_a_member()
    {
        var enrollment = Enrollment(College, Program, Cohort, Start);
        var student = Given.Student().With(enrollment).With(Given.Void(enrollment.MilestoneId));

        CohortFigures.Report([student], College, Cohort, null, null).CohortSize.ShouldBe(0);
    }

    [Fact]
    public void an_empty_cohort_has_null_rates_not_zero()
    {
        var report = CohortFigures.Report([], College, Cohort, null, null);

        report.Measures.ShouldAllBe(m => m.Rate == null && m.Denominator == 0);
        report.MedianDays.ShouldBe(new MedianDays(null, null, null));
    }

    [Theory]
    [InlineData(new[] { 5 }, 5.0)]
    [InlineData(new[] { 9, 1, 5 }, 5.0)]
    [InlineData(new[] { 4, 1, 2, 3 }, 2.5)]
    public void the_median_of_an_even_count_is_the_mean_of_the_middle_two(int[] values, double median) =>
        Statistics.Median(values).ShouldBe(median);
}
