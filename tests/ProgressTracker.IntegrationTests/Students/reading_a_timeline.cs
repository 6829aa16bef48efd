using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class reading_a_timeline(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_timeline_carries_its_version_as_an_etag()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{student}/timeline");
            x.StatusCodeShouldBe(200);
            x.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
    }

    [Fact]
    public async Task an_unknown_student_is_a_404()
    {
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{Guid.CreateVersion7()}/timeline");
            x.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task milestones_are_in_date_order_whatever_order_they_were_recorded_in()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Record(student, "volunteering",
            new { organization = "Later Clinic", setting = "outpatient", hours = 5, startedOn = "2026-03-01", endedOn = "2026-03-01" });
        await Host.Record(student, "volunteering",
            new { organization = "Earlier Clinic", setting = "outpatient", hours = 5, startedOn = "2026-02-01", endedOn = "2026-02-01" });

        var timeline = await Host.Timeline(student);

        var dates = timeline["milestones"]!.AsArray().Select(m => m!["occurredOn"]!.GetValue<string>()).ToList();
        dates.ShouldBe(dates.Order().ToList());
    }

    [Fact]
    public async Task an_invalid_as_of_is_a_400()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{student}/timeline?asOf=yesterday");
            x.StatusCodeShouldBe(400);
        });
    }
}
