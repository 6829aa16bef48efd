using System.Text.Json;
using System.Text.Json.Nodes;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Students;

public sealed class StandingTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid ProgramA = Guid.CreateVersion7();
    private static readonly Guid ProgramB = Guid.CreateVersion7();

    [Fact]
    public void the_stored_standing_reads_back_as_the_one_derived_from_the_state()
    {
        var student = Given.Student()
            .With(Enrollment(College, ProgramA, "2023-FA", "2023-08-28"))
            .With(Term(College, ProgramA, "2023-FA"))
            .With(Term(College, ProgramA, "2024-SP"))
            .Coursework(ProgramA, "2024-05-01")
            .With(Degree(ProgramA, "2025-05-15"))
            .With(Exam("2025-06-01", passed: false));

        // What the dashboard selects: the standing's column, written from the state on every write.
        var read = Standing.FromStored(student.StoredStanding);

        JsonSerializer.Serialize(read, StoreDialect).ShouldBe(JsonSerializer.Serialize(Standing.Of(student), StoreDialect));
        read.Stage.ShouldBe(Stage.Graduated);
        read.GraduatedNotPlaced.ShouldBeTrue();
        read.LastRhitAttemptOn.ShouldBe(D("2025-06-01"));
        read.PassedRhit.ShouldBeFalse();
        read.Enrollments.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(EnrollmentStatus.Graduated),
            e => e.EndedOn.ShouldBe(D("2025-05-15")),
            e => e.CourseworkCompleteOn.ShouldBe(D("2024-05-01")),
            e => e.LastRegisteredTerm.ShouldBe("2024-SP"));
    }

    [Fact]
    public void the_state_document_holds_neither_its_standing_nor_its_standing_enrollments_twice()
    {
        var student = Given.Student().With(Enrollment(College, ProgramA, "2023-FA", "2023-08-28"));

        var stored = JsonNode.Parse(JsonSerializer.Serialize(student, StoreDialect))!.AsObject();

        stored.ContainsKey("enrollments").ShouldBeTrue();
        stored.ContainsKey("activeEnrollments").ShouldBeFalse();
        stored.ContainsKey("standing").ShouldBeFalse();
        stored.ContainsKey("storedStanding").ShouldBeFalse();
    }

    [Fact]
    public void a_voided_enrollment_and_an_earlier_episodes_registrations_are_not_in_the_standing()
    {
        var voided = Enrollment(College, ProgramB, "2023-FA", "2023-08-28");
        var student = Given.Student()
            .With(Enrollment(College, ProgramA, "2023-FA", "2023-08-28"))
            .With(Term(College, ProgramA, "2023-FA"))
            .With(Withdrawal(ProgramA, "2023-10-01", WithdrawalReason.Personal))
            .With(Enrollment(College, ProgramA, "2024-FA", "2024-08-26"))
            .With(voided)
            .With(Void(voided.MilestoneId));

        var episodes = student.Standing.Enrollments;

        episodes.Select(e => e.ProgramId).ShouldBe([ProgramA, ProgramA]);
        episodes[0].ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(EnrollmentStatus.Withdrawn),
            e => e.EndedOn.ShouldBe(D("2023-10-01")),
            e => e.LastRegisteredTerm.ShouldBe("2023-FA"));
        episodes[1].ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(EnrollmentStatus.Active),
            e => e.LastRegisteredTerm.ShouldBeNull());
    }

    /// <summary>The document store's dialect (Persistence.ConfigureStore: camelCase, kebab-case enums).</summary>
    private static readonly JsonSerializerOptions StoreDialect = Json.Storage;
}
