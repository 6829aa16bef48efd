using System.Text;
using System.Text.Json;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>
/// Every route against every role. Allowed ones get past authorization; a caller of a role that may use the route but
/// about a record outside its scope (another college's student, report or import; another advisor's dashboard) gets
/// 404, exactly as for an unknown record, and the refusal is marked for the security log; a role that can never use
/// the route gets 403; no token 401.
/// </summary>
public sealed class authorization_matrix(AppFixture fixture) : IntegrationContext(fixture)
{
    private sealed record Route(string Method, Func<AccessWorld, string> Url, Func<AccessWorld, object?> Body, string[] Allowed, string[] Hidden);

    private static Route R(string method, Func<AccessWorld, string> url, Func<AccessWorld, object?> body, string[] allowed, params string[] hidden) =>
        new(method, url, body, allowed, hidden);

    private static readonly string[] StaffOfS = ["admin", "advisor-x", "college-a"];
    private static readonly string[] AdvisorOfS = ["admin", "advisor-x"];
    private const string EnrollmentsCsv = "studentNumber,programId,cohort,intensity,startedOn\n";

    private static readonly Route[] Routes =
    [
        R("POST", _ => "/api/colleges", _ => new { name = "New College" }, ["admin"]),
        R("POST", w => $"/api/colleges/{w.CollegeA}/programs", _ => new
        {
            name = "HIT", award = "aas", normalDurationMonths = 24, requiredCategories = Pathways.Required,
        }, ["admin"]),
        R("POST", w => $"/api/programs/{w.ProgramA}/accreditations", _ => new { body = "CAHIIM", from = "2030-01-01" }, ["admin"]),
        R("POST", w => $"/api/programs/{w.ProgramA}/accreditations/end", _ => new { body = "CAHIIM", endedOn = "2030-01-01", reason = "other" }, ["admin"]),
        R("GET", w => $"/api/colleges/{w.CollegeA}/programs", _ => null, ["admin", "advisor-x", "advisor-y", "college-a"], "college-b"),
        R("POST", _ => "/api/advisors", _ => new { name = "New Advisor", email = "new@example.edu" }, ["admin"]),
        R("POST", _ => "/api/students", w => new { name = "New Student", email = "new@example.edu", advisorId = w.AdvisorX }, AdvisorOfS, "advisor-y"),
        R("PUT", w => $"/api/students/{w.StudentS}/advisor", w => new { advisorId = w.AdvisorX }, AdvisorOfS, "advisor-y"),
        R("POST", w => $"/api/students/{w.StudentS}/volunteering", _ => Bodies.For("volunteering", Guid.Empty), AdvisorOfS, "advisor-y"),
        R("POST", w => $"/api/students/{w.StudentS}/enrollments", w => Bodies.For("enrollments", w.ProgramA), StaffOfS, "advisor-y", "college-b"),
        R("POST", w => $"/api/students/{w.StudentS}/course-completions", w => Bodies.For("course-completions", w.ProgramA), StaffOfS, "advisor-y", "college-b"),
        // Withdrawn yesterday: college A still serves S (its access runs on for months after the enrollment ends).
        R("POST", w => $"/api/students/{w.StudentS}/withdrawals", w => new
        {
            programId = w.ProgramA, withdrawnOn = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "personal",
        }, StaffOfS, "advisor-y", "college-b"),
        // api.md "(college)": the program's college; like every milestone, also the student's advisor and admins.
        R("POST", w => $"/api/students/{w.StudentS}/term-registrations", w => Bodies.For("term-registrations", w.ProgramA), StaffOfS, "advisor-y", "college-b"),
        R("POST", w => $"/api/students/{w.StudentS}/degrees", w => Bodies.For("degrees", w.ProgramA), StaffOfS, "advisor-y", "college-b"),
        R("POST", w => $"/api/students/{w.StudentS}/exam-attempts", _ => Bodies.For("exam-attempts", Guid.Empty), AdvisorOfS, "advisor-y"),
        R("POST", w => $"/api/students/{w.StudentS}/job-placements", _ => Bodies.For("job-placements", Guid.Empty), AdvisorOfS, "advisor-y"),
        R("POST", w => $"/api/students/{w.StudentS}/outcomes", _ => Bodies.For("outcomes", Guid.Empty), AdvisorOfS, "advisor-y"),
        R("POST", w => $"/api/students/{w.StudentS}/milestones/{w.VolunteeringOfS}/void", _ => new { reason = "typo" }, AdvisorOfS, "advisor-y"),
        R("GET", w => $"/api/students/{w.StudentS}/timeline", _ => null, ["admin", "advisor-x", "college-a", "student-s"],
            "advisor-y", "college-b", "student-t"),
        R("GET", w => $"/api/students/{w.StudentT}/timeline", _ => null, ["admin", "advisor-y", "college-b", "student-t"],
            "advisor-x", "college-a", "student-s"),
        R("GET", w => $"/api/students/{w.StudentS}/access-log", _ => null, ["admin", "student-s"], "student-t"),
        R("GET", w => $"/api/advisors/{w.AdvisorX}/dashboard", _ => null, AdvisorOfS, "advisor-y"),
        R("GET", w => $"/api/advisors/{w.AdvisorX}/alerts", _ => null, AdvisorOfS, "advisor-y"),
        R("GET", w => $"/api/colleges/{w.CollegeA}/cohorts/2024-FA/report", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/colleges/{w.CollegeB}/cohorts/2024-FA/report", _ => null, ["admin", "college-b"], "college-a"),
        R("GET", w => $"/api/colleges/{w.CollegeA}/placements", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/colleges/{w.CollegeB}/placements", _ => null, ["admin", "college-b"], "college-a"),
        R("GET", w => $"/api/colleges/{w.CollegeA}/outcomes?academicYear=2025-26", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/colleges/{w.CollegeA}/students.csv", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/colleges/{w.CollegeB}/students.csv", _ => null, ["admin", "college-b"], "college-a"),
        R("POST", w => $"/api/colleges/{w.CollegeA}/imports?kind=enrollments", _ => EnrollmentsCsv, ["admin", "college-a"], "college-b"),
        R("POST", w => $"/api/colleges/{w.CollegeB}/imports?kind=enrollments", _ => EnrollmentsCsv, ["admin", "college-b"], "college-a"),
        R("GET", w => $"/api/imports/{w.ImportOfA}", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/imports/{w.ImportOfA}/errors", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/imports/{w.ImportOfB}", _ => null, ["admin", "college-b"], "college-a"),
        R("GET", w => $"/api/imports/{w.ImportOfB}/errors", _ => null, ["admin", "college-b"], "college-a"),
        R("GET", _ => "/api/colleges", _ => null, ["admin", "advisor-x", "advisor-y", "college-a", "college-b"]),
        R("GET", _ => "/api/advisors", _ => null, ["admin"]),
        // Colleges manage accounts of their own staff and students only (AccountScope): another college's is not found.
        R("POST", _ => "/api/accounts", w => new { email = "matrix@college-a.example.edu", role = "college", collegeId = w.CollegeA },
            ["admin", "college-a"], "college-b"),
        R("GET", _ => "/api/accounts", _ => null, ["admin", "college-a", "college-b"]),
        // Privacy rights (api.md): only the student asks, places statements and consents; only an admin decides and erases.
        R("POST", w => $"/api/students/{w.StudentS}/identity", _ => new { name = "Student S.", reason = "typo" }, StaffOfS, "advisor-y", "college-b"),
        R("POST", w => $"/api/students/{w.StudentS}/amendment-requests", _ => new { field = "name", requested = "S.", reason = "typo" },
            ["student-s"], "student-t"),
        R("GET", w => $"/api/students/{w.StudentS}/amendment-requests", _ => null, ["admin", "student-s"], "student-t"),
        R("POST", w => $"/api/students/{w.StudentS}/amendment-requests/{Guid.NewGuid()}/decision", _ => new { decision = "denied", note = "n" }, ["admin"]),
        R("POST", w => $"/api/students/{w.StudentS}/amendment-requests/{Guid.NewGuid()}/statement", _ => new { text = "t" }, ["student-s"], "student-t"),
        R("POST", w => $"/api/students/{w.StudentS}/consents", _ => new
        {
            recipient = "Board", purpose = "jobs", parts = new[] { "degrees" },
            expiresOn = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, ["student-s"], "student-t"),
        R("GET", w => $"/api/students/{w.StudentS}/consents", _ => null, ["admin", "student-s"], "student-t"),
        R("DELETE", w => $"/api/students/{w.StudentS}/consents/{Guid.NewGuid()}", _ => null, ["student-s"], "student-t"),
        R("GET", _ => "/api/amendment-requests?state=pending", _ => null, ["admin"]),
        R("POST", _ => $"/api/students/{Guid.NewGuid()}/erasure", _ => new { reason = "asked" }, ["admin"]),
        // Follow-ups: admins read them; only the advisor works them (an unknown follow-up is the advisor's plain 404).
        R("GET", w => $"/api/advisors/{w.AdvisorX}/follow-ups", _ => null, AdvisorOfS, "advisor-y"),
        R("POST", w => $"/api/advisors/{w.AdvisorX}/follow-ups/{Guid.CreateVersion7()}/contacts", _ => new { method = "phone", on = "2026-01-05" },
            ["advisor-x"], "advisor-y"),
        R("POST", w => $"/api/advisors/{w.AdvisorX}/follow-ups/{Guid.CreateVersion7()}/resolve", _ => new { outcome = "done" }, ["advisor-x"], "advisor-y"),
        R("GET", w => $"/api/colleges/{w.CollegeA}/follow-up-report", _ => null, ["admin", "college-a"], "college-b"),
        R("GET", w => $"/api/students/{w.StudentS}/follow-ups", _ => null, AdvisorOfS, "advisor-y", "college-a", "college-b", "student-s", "student-t"),
        R("PUT", w => $"/api/students/{w.StudentS}/notifications", _ => new { email = true }, ["student-s"], "student-t"),
        R("GET", w => $"/api/students/{w.StudentS}/notifications", _ => null, ["student-s"], "student-t"),
    ];

    [Fact]
    public async Task every_route_admits_exactly_the_roles_it_should()
    {
        var world = await AccessWorld.BuildAsync(Host);
        var failures = new List<string>();

        foreach (var route in Routes)
        {
            foreach (var (name, token) in world.Identities)
            {
                var url = route.Url(world);
                var body = route.Body(world);
                var context = await Host.Server.SendAsync(c =>
                {
                    var (path, query) = url.Split('?') is [var p, var q] ? (p, "?" + q) : (url, "");
                    c.Request.Method = route.Method;
                    c.Request.Path = path;
                    c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
                    if (token is not null) c.Request.Headers.Authorization = $"Bearer {token}";
                    if (body is null) return;
                    var (bytes, type) = body is string csv
                        ? (Encoding.UTF8.GetBytes(csv), "text/csv")
                        : (JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
                    c.Request.ContentType = type;
                    c.Request.ContentLength = bytes.Length;
                    c.Request.Body = new MemoryStream(bytes);
                }, TestContext.Current.CancellationToken);
                var status = context.Response.StatusCode;
                var refused = AccessRefusals.RefusalOf(context);

                var expected = token is null ? "401"
                    : route.Allowed.Contains(name) ? "allowed"
                    : route.Hidden.Contains(name) ? "404"
                    : "403";
                var ok = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    "404" => status == 404 && refused is not null,
                    _ => status is not (401 or 403) && status < 500 && refused is null,
                };
                if (!ok) failures.Add($"{route.Method} {url} as {name}: expected {expected}, got {status} (refusal: {refused ?? "none"})");
            }
        }

        failures.ShouldBeEmpty();
    }
}
