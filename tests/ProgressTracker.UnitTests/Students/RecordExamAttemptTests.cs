using ProgressTracker.Students;

namespace ProgressTracker.UnitTests.Students;

public sealed class RecordExamAttemptTests
{
    private static Decision Attempt(Student student, ProgressTracker.Colleges.AcademicProgram program, DateOnly on, bool passed = true) =>
        new RecordExamAttempt(Exam.Rhit, on, passed, null).Decide(student, Given.Catalog(program), 30, Given.Advisor);

    [Fact]
    public void an_eligible_graduate_may_take_the_exam()
    {
        var (student, program) = Given.Graduate();

        var decision = Attempt(student, program, new DateOnly(2026, 6, 1));

        decision.Rejection.ShouldBeNull();
        decision.Milestones.Single().ShouldBeOfType<CertificationExamTaken>().Passed.ShouldBeTrue();
    }

    [Fact]
    public void a_graduate_of_a_non_accredited_program_is_refused()
    {
        var (student, program) = Given.Graduate(accredited: false);

        Attempt(student, program, new DateOnly(2026, 6, 1)).Rejection!.Rule.ShouldBe("rhit-not-eligible");
    }

    [Fact]
    public void a_retake_inside_the_wait_is_refused_and_after_it_allowed()
    {
        var (graduate, program) = Given.Graduate();
        var student = graduate.With(Given.Exam(new DateOnly(2026, 6, 1), passed: false));

        Attempt(student, program, new DateOnly(2026, 6, 30)).Rejection!.Rule.ShouldBe("rhit-retake-too-soon");
        Attempt(student, program, new DateOnly(2026, 7, 1)).Rejection.ShouldBeNull();
    }

    [Fact]
    public void a_voided_attempt_does_not_start_a_wait()
    {
        var (graduate, program) = Given.Graduate();
        var failed = Given.Exam(new DateOnly(2026, 6, 1), passed: false);
        var student = graduate.With(failed).With(Given.Void(failed.MilestoneId));

        Attempt(student, program, new DateOnly(2026, 6, 2)).Rejection.ShouldBeNull();
    }

    [Fact]
    public void nobody_takes_the_exam_again_after_passing()
    {
        var (graduate, program) = Given.Graduate();
        var student = graduate.With(Given.Exam(new DateOnly(2026, 6, 1), passed: true));

        Attempt(student, program, new DateOnly(2026, 9, 1)).Rejection!.Rule.ShouldBe("already-credentialed");
    }
}
