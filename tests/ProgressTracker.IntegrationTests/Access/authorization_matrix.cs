using System.Net.Http.Headers;
using System.Net.Http.Json;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>Every route against every role: allowed ones get past authorization, the others get 403, no token 401.</summary>
public sealed class authorization_matrix(AppFixture fixture) : IntegrationContext(fixture)
{
    private sealed record Route(string Method, Func<AccessWorld, string> Url, Func<AccessWorld, object?> Body, params string[] Allowed);

    private static readonly Route[] Routes =
    [
        new("POST", _ => "/api/colleges", _ => new { name = "New College" }, "admin"),
        new("POST", w => $"/api/colleges/{w.CollegeA}/programs", _ => new
        {
            name = "HIT", award = "aas", normalDurationMonths = 24, requiredCategories = Pathways.Required,
        }, "admin"),
        new("POST", w => $"/api/programs/{w.ProgramA}/accreditations", _ => new { body = "CAHIIM", from = "2030-01-01" }, "admin"),
        new("GET", w => $"/api/colleges/{w.CollegeA}/programs", _ => null, "admin", "advisor-x", "advisor-y", "college-a"),
        new("POST", _ => "/api/advisors", _ => new { name = "New Advisor", email = "new@example.edu" }, "admin"),
        new("POST", _ => "/api/students", w => new { name = "New Student", email = "new@example.edu", advisorId = w.AdvisorX }, "admin", "advisor-x"),
        new("PUT", w => $"/api/students/{w.StudentS}/advisor", w => new { advisorId = w.AdvisorX }, "admin", "advisor-x"),
        new("POST", w => $"/api/students/{w.StudentS}/volunteering", _ => Bodies.For("volunteering", Guid.Empty), "admin", "advisor-x"),
        new("POST", w => $"/api/students/{w.StudentS}/enrollments", w => Bodies.For("enrollments", w.ProgramA), "admin", "advisor-x", "college-a"),
        new("POST", w => $"/api/students/{w.StudentS}/course-completions", w => Bodies.For("course-completions", w.ProgramA), "admin", "advisor-x", "college-a"),
        new("POST", w => $"/api/students/{w.StudentS}/withdrawals", w => Bodies.For("withdrawals", w.ProgramA), "admin", "advisor-x", "college-a"),
        new("POST", w => $"/api/students/{w.StudentS}/degrees", w => Bodies.For("degrees", w.ProgramA), "admin", "advisor-x", "college-a"),
        new("POST", w => $"/api/students/{w.StudentS}/exam-attempts", _ => Bodies.For("exam-attempts", Guid.Empty), "admin", "advisor-x"),
        new("POST", w => $"/api/students/{w.StudentS}/job-placements", _ => Bodies.For("job-placements", Guid.Empty), "admin", "advisor-x"),
        new("POST", w => $"/api/students/{w.StudentS}/outcomes", _ => Bodies.For("outcomes", Guid.Empty), "admin", "advisor-x"),
        new("POST", w => $"/api/students/{w.StudentS}/milestones/{w.VolunteeringOfS}/void", _ => new { reason = "typo" }, "admin", "advisor-x"),
        new("GET", w => $"/api/students/{w.StudentS}/timeline", _ => null, "admin", "advisor-x", "college-a", "student-s"),
        new("GET", w => $"/api/students/{w.StudentS}/access-log", _ => null, "admin", "student-s"),
        new("GET", w => $"/api/advisors/{w.AdvisorX}/dashboard", _ => null, "admin", "advisor-x"),
        new("GET", w => $"/api/advisors/{w.AdvisorX}/alerts", _ => null, "admin", "advisor-x"),
        new("GET", w => $"/api/colleges/{w.CollegeA}/cohorts/2024-FA/report", _ => null, "admin", "college-a"),
        new("GET", w => $"/api/colleges/{w.CollegeA}/placements", _ => null, "admin", "college-a"),
        new("GET", w => $"/api/colleges/{w.CollegeA}/outcomes?academicYear=2025-26", _ => null, "admin", "college-a"),
        new("GET", w => $"/api/colleges/{w.CollegeA}/students.csv", _ => null, "admin", "college-a"),
        new("POST", w => $"/api/colleges/{w.CollegeA}/imports?kind=enrollments", _ => "studentNumber,programId,cohort,intensity,startedOn\n", "admin", "college-a"),
        new("GET", w => $"/api/imports/{w.ImportOfA}", _ => null, "admin", "college-a"),
        new("GET", w => $"/api/imports/{w.ImportOfA}/errors", _ => null, "admin", "college-a"),
        new("GET", _ => "/api/colleges", _ => null, "admin"),
        new("GET", _ => "/api/advisors", _ => null, "admin"),
        // Colleges pass authorization on the directory; which accounts they manage, AccountScope decides (404 otherwise).
        new("POST", _ => "/api/accounts", w => new { email = "matrix@college-a.example.edu", role = "college", collegeId = w.CollegeA },
            "admin", "college-a", "college-b"),
        new("GET", _ => "/api/accounts", _ => null, "admin", "college-a", "college-b"),
        new("DELETE", _ => $"/api/accounts/{Guid.Empty}", _ => null, "admin", "college-a", "college-b"),
    ];

    [Fact]
    public async Task every_route_admits_exactly_the_roles_it_should()
    {
        var world = await AccessWorld.BuildAsync(Host);
        using var client = Host.Server.CreateClient();
        var failures = new List<string>();

        foreach (var route in Routes)
        {
            foreach (var (name, token) in world.Identities)
            {
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url(world));
                request.Content = route.Body(world) switch
                {
                    null => null,
                    string csv => new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"),
                    var json => JsonContent.Create(json),
                };
                if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

                var status = (int)(await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;

                var expected = token is null ? "401" : route.Allowed.Contains(name) ? "allowed" : "403";
                var ok = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    _ => status is not (401 or 403) && status < 500,
                };
                if (!ok) failures.Add($"{route.Method} {route.Url(world)} as {name}: expected {expected}, got {status}");
            }
        }

        failures.ShouldBeEmpty();
    }
}
