using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.UnitTests.Students;

public sealed class CourseworkAndDegreeTests
{
    private static CompleteCourse Course(Guid programId, DateOnly on) =>
        new(programId, "HIT-101", "Intro to HIM", CourseCategory.HealthInformation, 3, "A", on);

    [Fact]
    public void a_course_needs_an_open_enrollment_in_that_program()
    {
        var program = Given.Program();

        Course(program.Id, new DateOnly(2025, 1, 1)).Decide(Given.Student(), Given.Advisor).Rejection!.Rule.ShouldBe("not-enrolled");
    }

    [Fact]
    public void a_course_cannot_precede_the_enrollment()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program, new DateOnly(2024, 8, 26)));

        Course(program.Id, new DateOnly(2024, 8, 1)).Decide(student, Given.Advisor).Rejection!.Rule.ShouldBe("before-enrollment");
        Course(program.Id, new DateOnly(2024, 12, 1)).Decide(student, Given.Advisor).Rejection.ShouldBeNull();
    }

    [Fact]
    public void after_a_withdrawal_no_course_is_accepted()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program)).With(Given.Withdrawal(program, new DateOnly(2025, 1, 5)));

        Course(program.Id, new DateOnly(2025, 2, 1)).Decide(student, Given.Advisor).Rejection!.Rule.ShouldBe("not-enrolled");
        Pathway.StageOf(student).ShouldBe(Stage.Withdrawn);
    }

    [Fact]
    public void a_degree_needs_every_required_category()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program)).With(Given.Course(program, CourseCategory.English));

        var decision = new ConferDegree(program.Id, Award.Aas, new DateOnly(2026, 5, 15)).Decide(student, program, Given.Advisor);

        decision.Rejection!.Rule.ShouldBe("missing-categories");
        decision.Rejection.Reason.ShouldContain("medical terminology");
    }

    [Fact]
    public void a_voided_course_does_not_count_toward_the_degree()
    {
        var program = Given.Program();
        var english = Given.Course(program, CourseCategory.English);
        var student = Given.Student().With(Given.Enrollment(program)).WithAllCourses(program).With(english).With(Given.Void(english.MilestoneId));
        // WithAllCourses also added an English course, so voiding the extra one leaves the category covered.
        new ConferDegree(program.Id, Award.Aas, new DateOnly(2026, 5, 15)).Decide(student, program, Given.Advisor).Rejection.ShouldBeNull();

        var onlyEnglish = student.Courses.Where(c => c.Category == CourseCategory.English).ToList();
        var withoutEnglish = onlyEnglish.Aggregate(student, (s, c) => s.With(Given.Void(c.MilestoneId)));
        new ConferDegree(program.Id, Award.Aas, new DateOnly(2026, 5, 15)).Decide(withoutEnglish, program, Given.Advisor)
            .Rejection!.Rule.ShouldBe("missing-categories");
    }

    [Fact]
    public void the_degree_must_be_the_award_the_program_gives()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program)).WithAllCourses(program);

        new ConferDegree(program.Id, Award.As, new DateOnly(2026, 5, 15)).Decide(student, program, Given.Advisor)
            .Rejection!.Rule.ShouldBe("award-mismatch");
    }

    [Fact]
    public void stages_follow_the_pathway()
    {
        var program = Given.Program();
        var enrolled = Given.Student().With(Given.Volunteering()).With(Given.Enrollment(program));
        Pathway.StageOf(enrolled).ShouldBe(Stage.Enrolled);

        var courseworkComplete = enrolled.WithAllCourses(program);
        Pathway.StageOf(courseworkComplete).ShouldBe(Stage.CourseworkComplete);

        var graduated = courseworkComplete.With(Given.Degree(program));
        Pathway.StageOf(graduated).ShouldBe(Stage.Graduated);

        var credentialed = graduated.With(Given.Exam(new DateOnly(2026, 6, 1), passed: true));
        Pathway.StageOf(credentialed).ShouldBe(Stage.Credentialed);

        var placed = credentialed.With(new JobPlaced(Guid.CreateVersion7(), Guid.Empty, "Mercy General", CareSetting.Hospital,
            Specialty.Coding, true, true, new DateOnly(2026, 7, 1), Given.By));
        Pathway.StageOf(placed).ShouldBe(Stage.Placed);
    }
}
