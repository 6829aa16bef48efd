using System.Text.Json;
using JasperFx.Events;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Students;
using ProgressTracker.Students.Privacy;
using ProgressTracker.Students.Timeline;

namespace ProgressTracker.UnitTests.Students.Privacy;

public sealed class ProtectedInformationTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Identifying = ["Rosa Diaz", "rosa@example.edu", "RD-7731", "Mercy General", "Harbor Clinic", "Rosa's typo", "Rosa Díaz", "spelling"];

    /// <summary>A graduate's stream with every kind of identifying value: a student number, a voided volunteering (its
    /// reason), a job (its employer), a kept volunteering and a correction.</summary>
    private static List<object> Stream()
    {
        var program = Given.Program();
        var id = Guid.CreateVersion7();
        var volunteering = Given.Volunteering(id);
        List<object> events =
        [
            new StudentRegistered(Guid.CreateVersion7(), id, "Rosa Diaz", "rosa@example.edu", "RD-7731", Guid.CreateVersion7(),
                new DateOnly(2024, 1, 1), Given.By),
            volunteering, Given.Void(volunteering.MilestoneId, "Rosa's typo"), Given.Volunteering(id),
            Given.Enrollment(program),
            .. program.RequiredCategories.Select(c => Given.Course(program, c)),
            Given.Degree(program),
            Given.Exam(new DateOnly(2026, 6, 1), passed: true),
            new JobPlaced(Guid.CreateVersion7(), id, "Harbor Clinic", CareSetting.Hospital, Specialty.Coding, true, true,
                new DateOnly(2026, 7, 1), Given.By),
            new StudentIdentityCorrected(Guid.CreateVersion7(), id, "Rosa Díaz", null, null, ["name"], "spelling",
                new DateOnly(2026, 8, 1), Given.By),
        ];
        return events;
    }

    private static IEvent Event(object data, Guid streamId, int version) =>
        new Event<object>(data) { StreamId = streamId, Version = version, Timestamp = At.AddMinutes(version) };

    private static (Student Student, StudentTimeline Timeline) Fold(IEnumerable<object> events)
    {
        var list = events.ToList();
        var id = ((StudentRegistered)list[0]).StudentId;
        Student? student = null;
        StudentTimeline? timeline = null;
        var (students, timelines) = (new StudentProjection(), new StudentTimelineProjection());
        for (var i = 0; i < list.Count; i++)
        {
            var e = Event(list[i], id, i + 1);
            student = students.Evolve(student, id, e);
            timeline = timelines.Evolve(timeline, id, e);
        }
        return (student!, timeline!);
    }

    private static readonly object Erasure = new StudentErased(Guid.Empty, new DateOnly(2026, 9, 1), "admin-1");

    [Fact]
    public void an_erased_record_keeps_every_fact_the_reports_read_and_no_identifying_value()
    {
        var events = Stream();
        var (student, whole) = Fold(events);
        var (erased, timeline) = Fold([.. events, Erasure]);

        erased.Erased.ShouldBeTrue();
        erased.Name.ShouldBe(ProtectedInformation.ErasedName);
        Pathway.StageOf(erased).ShouldBe(Pathway.StageOf(student));
        var enrollment = student.ActiveEnrollments.Single();
        (ProgramFacts.Of(erased, enrollment) with { Name = "" }).ShouldBe(ProgramFacts.Of(student, enrollment) with { Name = "" });
        var json = JsonSerializer.Serialize(erased, Json.Http) + JsonSerializer.Serialize(timeline, Json.Http);
        foreach (var value in Identifying) json.ShouldNotContain(value);
        timeline.Milestones.Count.ShouldBe(whole.Milestones.Count);
    }

    [Fact]
    public void masking_each_event_and_folding_gives_the_erased_state_and_timeline()
    {
        var events = Stream();
        var (erased, erasedTimeline) = Fold([.. events, Erasure]);
        var (refolded, refoldedTimeline) = Fold([.. events.Select(e => e is Milestone m ? ProtectedInformation.Mask(m) : e), Erasure]);

        JsonSerializer.Serialize(refolded, Json.Http).ShouldBe(JsonSerializer.Serialize(erased, Json.Http));
        JsonSerializer.Serialize(refoldedTimeline, Json.Http).ShouldBe(JsonSerializer.Serialize(erasedTimeline, Json.Http));
    }

    [Fact]
    public void a_correction_leaves_no_old_value_in_the_state_or_the_timeline()
    {
        var registration = Stream()[0];
        var (student, _) = Fold([registration]);
        var correction = new CorrectIdentity("Rosa María Díaz", null, null, "spelling").Decide(student, Given.Advisor, new DateOnly(2026, 9, 1));
        var (corrected, timeline) = Fold([registration, correction.Milestones.Single()]);

        corrected.Name.ShouldBe("Rosa María Díaz");
        var json = JsonSerializer.Serialize(corrected, Json.Http) + JsonSerializer.Serialize(timeline, Json.Http);
        json.ShouldNotContain("Rosa Diaz");
        json.ShouldNotContain("spelling");
        ((string)timeline.Milestones[0]["name"]!).ShouldBe("Rosa María Díaz");
        ((string)timeline.Milestones[^1]["type"]!).ShouldBe("student-identity-corrected");
        timeline.Milestones[^1]["corrected"]!.AsArray().Select(n => (string)n!).ShouldBe(["name"]);
        new CorrectIdentity("Rosa María Díaz", null, null, "again").Decide(corrected, Given.Advisor, new DateOnly(2026, 9, 1))
            .Rejection!.Rule.ShouldBe("identity-unchanged");
    }
}
