using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Reports;

namespace ProgressTracker.IntegrationTests.Operations;

public sealed class health_and_openapi(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task live_answers_healthy()
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/health/live");
            x.StatusCodeShouldBe(200);
        });
        (await result.ReadAsTextAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task ready_reports_the_database_and_the_async_projections()
    {
        await Host.RegisterStudent(await Host.RegisterAdvisor());     // an event for the daemon to project
        await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(Host, TimeSpan.FromSeconds(30));
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/health/ready");
            x.StatusCodeShouldBe(200);
        });
        var report = JsonNode.Parse(await result.ReadAsTextAsync())!;
        report["status"]!.GetValue<string>().ShouldBe("Healthy");
        report["checks"]!["database"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        report["checks"]!["projections"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        report["checks"]!["projections"]!["data"]![ReportsConfiguration.ShardOf(ReportsConfiguration.Version)].ShouldNotBeNull();
    }

    [Fact]
    public async Task the_openapi_document_describes_every_public_route()
    {
        var result = await Host.Scenario(x => x.Get.Url("/openapi/v1.json"));
        var paths = JsonNode.Parse(await result.ReadAsTextAsync())!["paths"]!.AsObject();

        foreach (var (path, method) in ApiRoutes.All)
        {
            paths[path].ShouldNotBeNull($"{path} is missing from the OpenAPI document");
            paths[path]![method].ShouldNotBeNull($"{method} {path} is missing from the OpenAPI document");
        }
    }
}

/// <summary>The routes of ../shared/docs/api.md that exist so far; the OpenAPI test keeps the document honest.</summary>
public static class ApiRoutes
{
    public static readonly (string Path, string Method)[] All =
    [
        ("/api/colleges", "post"),
        ("/api/colleges", "get"),
        ("/api/accounts", "post"),
        ("/api/accounts", "get"),
        ("/api/accounts/{id}", "delete"),
        ("/api/advisors", "get"),
        ("/api/colleges/{collegeId}/programs", "post"),
        ("/api/colleges/{collegeId}/programs", "get"),
        ("/api/programs/{programId}/accreditations", "post"),
        ("/api/programs/{programId}/accreditations/end", "post"),
        ("/api/advisors", "post"),
        ("/api/students", "post"),
        ("/api/students/{id}/advisor", "put"),
        ("/api/students/{id}/volunteering", "post"),
        ("/api/students/{id}/enrollments", "post"),
        ("/api/students/{id}/course-completions", "post"),
        ("/api/students/{id}/withdrawals", "post"),
        ("/api/students/{id}/degrees", "post"),
        ("/api/students/{id}/exam-attempts", "post"),
        ("/api/students/{id}/job-placements", "post"),
        ("/api/students/{id}/outcomes", "post"),
        ("/api/students/{id}/term-registrations", "post"),
        ("/api/students/{id}/milestones/{milestoneId}/void", "post"),
        ("/api/students/{id}/timeline", "get"),
        ("/api/students/{id}/access-log", "get"),
        ("/api/advisors/{advisorId}/dashboard", "get"),
        ("/api/colleges/{collegeId}/cohorts/{cohort}/report", "get"),
        ("/api/colleges/{collegeId}/placements", "get"),
        ("/api/colleges/{collegeId}/outcomes", "get"),
        ("/api/colleges/{collegeId}/students.csv", "get"),
        ("/api/colleges/{collegeId}/imports", "post"),
        ("/api/imports/{id}", "get"),
        ("/api/imports/{id}/errors", "get"),
    ];
}
