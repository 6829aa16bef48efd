using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class logging_volunteering(AppFixture fixture) : IntegrationContext(fixture)
{
    private static object Hours(decimal hours = 12, string startedOn = "2026-01-05", string endedOn = "2026-01-20",
        string setting = "hospital") =>
        new { organization = "Mercy General Hospital", setting, hours, startedOn, endedOn };

    [Fact]
    public async Task volunteering_moves_the_student_to_gaining_experience()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        var written = await Host.Record(student, "volunteering", Hours());

        written.Version.ShouldBe(2);
        var timeline = await Host.Timeline(student);
        timeline["stage"]!.GetValue<string>().ShouldBe("gaining-experience");
        var logged = timeline["milestones"]!.AsArray().Single(m => m!["type"]!.GetValue<string>() == "volunteering-logged")!;
        logged["id"]!.GetValue<Guid>().ShouldBe(written.MilestoneId);
        logged["occurredOn"]!.GetValue<string>().ShouldBe("2026-01-20");
        logged["organization"]!.GetValue<string>().ShouldBe("Mercy General Hospital");
        logged["setting"]!.GetValue<string>().ShouldBe("hospital");
        logged["hours"]!.GetValue<decimal>().ShouldBe(12);
        logged["voided"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task the_write_answers_the_new_version_as_an_etag()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(Hours()).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(201);
            x.Header("ETag").SingleValueShouldEqual("\"2\"");
        });
    }

    [Theory]
    [InlineData(0, "2026-01-05", "2026-01-05", "hours")]
    [InlineData(25, "2026-01-05", "2026-01-05", "hours")]        // more than 24 hours in one day
    [InlineData(49, "2026-01-05", "2026-01-06", "hours")]        // more than 24 per day over two days
    [InlineData(10, "2026-01-20", "2026-01-05", "endedOn")]      // ends before it starts
    [InlineData(10, "2026-01-05", "2099-01-05", "endedOn")]      // in the future
    public async Task invalid_volunteering_is_a_400_naming_the_field_and_appends_nothing(
        decimal hours, string startedOn, string endedOn, string field)
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        var problem = await Host.Reject($"/api/students/{student}/volunteering", Hours(hours, startedOn, endedOn), 400);

        problem["errors"]![field].ShouldNotBeNull();
        (await Host.EventCount(student)).ShouldBe(1);
    }

    [Theory]
    [InlineData("castle", "2026-01-05", "setting")]        // not one of the settings
    [InlineData("hospital", "2026-02-30", "startedOn")]    // not a real calendar date
    public async Task values_that_cannot_be_read_are_a_400_naming_the_field(string setting, string startedOn, string field)
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        var problem = await Host.Reject($"/api/students/{student}/volunteering",
            Hours(startedOn: startedOn, endedOn: "2026-03-10", setting: setting), 400);

        problem["errors"]![field].ShouldNotBeNull();
        (await Host.EventCount(student)).ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_student_is_a_404()
    {
        var problem = await Host.Reject($"/api/students/{Guid.CreateVersion7()}/volunteering", Hours(), 404);

        problem["title"]!.GetValue<string>().ShouldContain("student");
    }
}
