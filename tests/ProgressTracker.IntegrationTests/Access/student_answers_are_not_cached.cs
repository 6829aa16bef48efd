using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>api.md: student-level answers carry <c>Cache-Control: no-store</c>; every /api answer does, errors included.</summary>
public sealed class student_answers_are_not_cached(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task every_api_answer_says_no_store()
    {
        var world = await AccessWorld.BuildAsync(Host);
        await Host.WaitForReports();
        var admin = Identities.Admin;
        var collegeA = Identities.College(world.CollegeA);
        (string Method, string Url, object? Body, string? Token, int Status)[] answers =
        [
            ("GET", $"/api/students/{world.StudentS}/timeline", null, admin, 200),
            ("GET", $"/api/students/{world.StudentS}/timeline", null, collegeA, 200),
            ("GET", $"/api/students/{world.StudentS}/access-log", null, Identities.Student(world.StudentS), 200),
            ("GET", $"/api/advisors/{world.AdvisorX}/dashboard", null, Identities.Advisor(world.AdvisorX), 200),
            ("GET", $"/api/advisors/{world.AdvisorX}/alerts", null, Identities.Advisor(world.AdvisorX), 200),
            ("GET", $"/api/colleges/{world.CollegeA}/students.csv", null, collegeA, 200),
            ("GET", $"/api/colleges/{world.CollegeA}/cohorts/2024-FA/report", null, collegeA, 200),
            ("GET", $"/api/imports/{world.ImportOfA}", null, collegeA, 200),
            ("GET", $"/api/imports/{world.ImportOfA}/errors", null, collegeA, 200),
            ("POST", $"/api/students/{world.StudentS}/job-placements", Bodies.For("job-placements", Guid.Empty), admin, 201),
            ("POST", $"/api/students/{world.StudentS}/enrollments", Bodies.For("enrollments", world.ProgramA), admin, 409),
            ("GET", $"/api/students/{world.StudentS}/timeline?asOf=yesterday", null, admin, 400),
            ("GET", $"/api/students/{world.StudentS}/timeline", null, Identities.College(world.CollegeB), 404),
            ("GET", $"/api/students/{world.StudentS}/access-log", null, collegeA, 403),
            ("GET", $"/api/students/{world.StudentS}/timeline", null, null, 401),
        ];

        foreach (var (method, url, body, token, status) in answers)
        {
            var result = await Host.Scenario(x =>
            {
                if (token is not null) x.As(token);
                if (method == "GET") x.Get.Url(url);
                else x.Post.Json(body!).ToUrl(url);
                x.StatusCodeShouldBe(status);
            });
            result.Context.Response.Headers.CacheControl.ToString().ShouldBe("no-store", $"{method} {url} ({status})");
        }
    }
}
