using ProgressTracker.Students;

namespace ProgressTracker.UnitTests;

/// <summary>Builds student records from events, the way the projection does, without a database.</summary>
public static class Given
{
    public const string By = "advisor-1";
    private static readonly DateTimeOffset Recorded = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static Student Student(Guid? id = null)
    {
        var studentId = id ?? Guid.CreateVersion7();
        return ProgressTracker.Students.Student.Registered(
            new StudentRegistered(Guid.CreateVersion7(), studentId, "Rosa Diaz", "rosa@example.edu", null, Guid.CreateVersion7(),
                new DateOnly(2024, 1, 1), By), Recorded);
    }

    public static Student With(this Student student, Milestone milestone) => student.Record(milestone, Recorded);

    public static VolunteeringLogged Volunteering(Guid? studentId = null) =>
        new(Guid.CreateVersion7(), studentId ?? Guid.Empty, "Mercy General", CareSetting.Hospital, 20,
            new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 28), By);

    public static MilestoneVoided Void(Guid milestoneId, string reason = "entered twice") =>
        new(Guid.CreateVersion7(), Guid.Empty, milestoneId, reason, new DateOnly(2024, 3, 1), By);
}
