using System.Text.Json;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Students;
using ProgressTracker.Students.Privacy;

namespace ProgressTracker.UnitTests.Privacy;

public sealed class ProtectedInformationTests
{
    private static Student Record()
    {
        var (student, program) = Given.Graduate();
        var volunteering = Given.Volunteering(student.Id);
        return student.With(volunteering).With(Given.Void(volunteering.MilestoneId, "Rosa's typo"))
            .With(Given.Exam(new DateOnly(2026, 6, 1), passed: true))
            .With(new JobPlaced(Guid.CreateVersion7(), student.Id, "Harbor Clinic", CareSetting.Hospital, Specialty.Coding, true, true,
                new DateOnly(2026, 7, 1), Given.By));
    }

    [Fact]
    public void an_erased_record_keeps_every_fact_the_reports_read_and_no_identifying_value()
    {
        var student = Record();
        var erased = IdentityCorrections.Erase(student);

        erased.Erased.ShouldBeTrue();
        Pathway.StageOf(erased).ShouldBe(Pathway.StageOf(student));
        var enrollment = student.Active<EnrolledInProgram>().Single();
        (ProgramFacts.Of(erased, enrollment) with { Name = "" }).ShouldBe(ProgramFacts.Of(student, enrollment) with { Name = "" });
        var json = JsonSerializer.Serialize(erased, Json.Http);
        foreach (var value in new[] { "Rosa Diaz", "rosa@example.edu", "Mercy General", "Harbor Clinic", "Rosa's typo" }) json.ShouldNotContain(value);
    }

    [Fact]
    public void masking_each_event_and_folding_gives_the_erased_record()
    {
        var student = Record();
        var masked = student.Milestones.Select(m => ProtectedInformation.Mask(m.Milestone)).ToList();
        var refolded = masked.Skip(1).Aggregate(Student.Registered((StudentRegistered)masked[0], student.Milestones[0].RecordedAt),
            (s, m) => s.Record(m, student.Milestones[0].RecordedAt));
        // Voids are folded onto their milestone; the record's own list holds no MilestoneVoided to compare.
        JsonSerializer.Serialize(IdentityCorrections.Erase(refolded) with { Milestones = [] }, Json.Http)
            .ShouldBe(JsonSerializer.Serialize(IdentityCorrections.Erase(student) with { Milestones = [] }, Json.Http));
    }

    [Fact]
    public void a_correction_leaves_no_old_value_in_the_record()
    {
        var student = Given.Student();
        var correction = new CorrectIdentity("Rosa María Díaz", null, null, "spelling").Decide(student, Given.Advisor, new DateOnly(2026, 9, 1));
        var corrected = student.Record(correction.Milestones.Single(), DateTimeOffset.UtcNow);

        corrected.Name.ShouldBe("Rosa María Díaz");
        var json = JsonSerializer.Serialize(corrected, Json.Http);
        json.ShouldNotContain("Rosa Diaz");
        json.ShouldNotContain("spelling");
        ((StudentIdentityCorrected)corrected.Milestones[^1].Milestone).Corrected.ShouldBe(["name"]);
        new CorrectIdentity("Rosa María Díaz", null, null, "again").Decide(corrected, Given.Advisor, new DateOnly(2026, 9, 1))
            .Rejection!.Rule.ShouldBe("identity-unchanged");
    }
}
