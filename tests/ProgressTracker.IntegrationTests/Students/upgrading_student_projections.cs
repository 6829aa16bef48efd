using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using ProgressTracker.Students;
using ProgressTracker.Students.Timeline;

namespace ProgressTracker.IntegrationTests.Students;

/// <summary>
/// A new version of a student projection is stored in a new, empty table: at start it is rebuilt from the events, so
/// the records read as before the upgrade.
/// </summary>
public sealed class upgrading_student_projections(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task empty_student_projections_over_existing_streams_are_rebuilt_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        await Host.Record(student, "volunteering",
            new { organization = "Mercy General", setting = "hospital", hours = 20, startedOn = "2026-02-01", endedOn = "2026-02-28" });
        var before = await Timeline();
        var upgrade = Host.Services.GetRequiredService<StudentProjectionsUpgrade>();
        (await upgrade.RunAsync(ct)).ShouldBeEmpty();

        // What a deployment of a new projection version finds: the events, and empty tables for the projections.
        await using (var clear = Store.LightweightSession())
        {
            clear.DeleteWhere<Student>(_ => true);
            clear.DeleteWhere<StudentTimeline>(_ => true);
            await clear.SaveChangesAsync(ct);
        }
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{student}/timeline");
            x.StatusCodeShouldBe(404);
        });

        (await upgrade.RunAsync(ct)).ShouldBe([nameof(StudentProjection), nameof(StudentTimelineProjection)]);

        (await Timeline()).ShouldBe(before);
        (await Host.GetJson($"/api/advisors/{advisor}/dashboard"))["caseloadSize"]!.GetValue<int>().ShouldBe(1);

        // A replay reads the recording times as PostgreSQL keeps them, to the microsecond.
        async Task<string> Timeline() => Regex.Replace(
            (await Host.GetJson($"/api/students/{student}/timeline")).ToJsonString(), @"(\.[0-9]{6})[0-9]+", "$1");
    }
}
