using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using static ProgressTracker.IntegrationTests.Infrastructure.Scenarios;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>
/// What a college may do and see of a student (domain.md section 2): only students linked to it, only the milestones
/// of its own programs and what followed enrolling there, and only for a while after its last enrollment ended.
/// Whatever it may not see answers 404, exactly as an unknown record, checked before any lock or other work.
/// </summary>
public sealed class cross_college_access(AppFixture fixture) : IntegrationContext(fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private async Task<(int Status, JsonObject? Problem, string? Refusal)> Send(string method, string url, object? body, string token)
    {
        var result = await Host.Scenario(x =>
        {
            x.As(token);
            _ = method switch
            {
                "GET" => x.Get.Url(url),
                "PUT" => x.Put.Json(body!).ToUrl(url),
                _ => x.Post.Json(body!).ToUrl(url),
            };
            x.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        var problem = text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null;
        return (result.Context.Response.StatusCode, problem, AccessRefusals.RefusalOf(result.Context));
    }

    /// <summary>The 404 of a refused record is the 404 of an unknown one, the id aside, and the refusal is marked.</summary>
    private async Task ShouldLookUnknown(string method, Func<Guid, string> url, Guid hidden, object? body, string token)
    {
        var refused = await Send(method, url(hidden), body, token);
        var unknownId = Guid.CreateVersion7();
        var unknown = await Send(method, url(unknownId), body, token);

        refused.Status.ShouldBe(404, url(hidden));
        unknown.Status.ShouldBe(404);
        refused.Refusal.ShouldNotBeNull();
        refused.Problem!["title"]!.GetValue<string>().ShouldBe(unknown.Problem!["title"]!.GetValue<string>());
        refused.Problem["detail"]!.GetValue<string>().Replace(hidden.ToString(), "ID", StringComparison.Ordinal)
            .ShouldBe(unknown.Problem["detail"]!.GetValue<string>().Replace(unknownId.ToString(), "ID", StringComparison.Ordinal));
        refused.Problem.Select(p => p.Key).Order().ShouldBe(unknown.Problem.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task a_college_cannot_make_a_stranger_its_student_by_enrolling_them()
    {
        var world = await AccessWorld.BuildAsync(Host);
        var collegeA = Identities.College(world.CollegeA);
        var stranger = await Host.RegisterStudent(world.AdvisorX, "Stranger");
        var events = await Host.EventCount(stranger);

        var enrollment = new { programId = world.ProgramA, cohort = "2025-FA", intensity = "full-time", startedOn = "2025-08-25" };
        await ShouldLookUnknown("POST", id => $"/api/students/{id}/enrollments", stranger, enrollment, collegeA);
        await ShouldLookUnknown("POST", id => $"/api/students/{id}/enrollments", world.StudentT, enrollment, collegeA);
        (await Host.EventCount(stranger)).ShouldBe(events);
        (await Send("GET", $"/api/students/{stranger}/timeline", null, collegeA)).Status.ShouldBe(404);

        // Its own student into another college's program: the student is visible to it, the write is not its to make.
        (await Send("POST", $"/api/students/{world.StudentS}/enrollments",
            new { programId = world.ProgramB, cohort = "2025-FA", intensity = "full-time", startedOn = "2025-08-25" }, collegeA))
            .Status.ShouldBe(403);

        // Linked by the student's advisor (an enrollment in one of its programs): now the college records for them.
        await Host.Record(stranger, "enrollments", enrollment, Identities.Advisor(world.AdvisorX));
        await Host.Record(stranger, "course-completions", Pathways.Course(world.ProgramA, "english", "2025-12-10"), collegeA);

        // Registered at the college by its roster: the college enrolls them.
        await Host.Import(world.CollegeA, "students", Imports.Csv("name,email,studentNumber,advisorId",
            $"Rosa Diaz,rosa@example.edu,A-1,{world.AdvisorX}"), collegeA);
        var rosa = await StudentByNumber("A-1");
        await Host.Record(rosa, "enrollments", enrollment, collegeA);
    }

    [Fact]
    public async Task not_allowed_answers_as_not_found_before_any_other_check()
    {
        var world = await AccessWorld.BuildAsync(Host);
        var collegeB = Identities.College(world.CollegeB);
        var advisorY = Identities.Advisor(world.AdvisorY);

        await ShouldLookUnknown("GET", id => $"/api/students/{id}/timeline", world.StudentS, null, collegeB);
        await ShouldLookUnknown("GET", id => $"/api/students/{id}/timeline", world.StudentS, null, advisorY);
        await ShouldLookUnknown("GET", id => $"/api/students/{id}/access-log", world.StudentS, null, Identities.Student(world.StudentT));
        // An unknown program or advisor in the body does not tell a student it may not see from an unknown one.
        await ShouldLookUnknown("POST", id => $"/api/students/{id}/course-completions", world.StudentS,
            Pathways.Course(Guid.CreateVersion7(), "english"), collegeB);
        await ShouldLookUnknown("POST", id => $"/api/students/{id}/course-completions", world.StudentS,
            Pathways.Course(world.ProgramB, "english"), collegeB);
        await ShouldLookUnknown("PUT", id => $"/api/students/{id}/advisor", world.StudentS,
            new { advisorId = Guid.CreateVersion7() }, advisorY);
        await ShouldLookUnknown("PUT", id => $"/api/students/{id}/advisor", world.StudentS, new { advisorId = world.AdvisorY }, advisorY);
        // Another college's import, reports and roster; another advisor's dashboard and inbox.
        await ShouldLookUnknown("GET", id => $"/api/imports/{id}", world.ImportOfA, null, collegeB);
        await ShouldLookUnknown("GET", id => $"/api/imports/{id}/errors", world.ImportOfA, null, collegeB);
        await ShouldLookUnknown("GET", id => $"/api/colleges/{id}/placements", world.CollegeA, null, collegeB);
        await ShouldLookUnknown("GET", id => $"/api/colleges/{id}/students.csv", world.CollegeA, null, collegeB);
        await ShouldLookUnknown("GET", id => $"/api/colleges/{id}/programs", world.CollegeA, null, collegeB);
        await ShouldLookUnknown("GET", id => $"/api/advisors/{id}/dashboard", world.AdvisorX, null, advisorY);
        await ShouldLookUnknown("GET", id => $"/api/advisors/{id}/alerts", world.AdvisorX, null, advisorY);

        // Nothing was appended, and the refused reads left no entry in the student's log.
        (await Host.AccessLog(world.StudentS, Identities.Admin))
            .ShouldNotContain(e => e!["role"]!.GetValue<string>() == "college" || e["subject"]!.GetValue<string>() == $"advisor-{world.AdvisorY}");
    }

    [Fact]
    public async Task access_is_decided_before_the_students_stream_is_locked()
    {
        var world = await AccessWorld.BuildAsync(Host);
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var ct = TestContext.Current.CancellationToken;

        // Another writer holds the stream's row lock, as a long write would.
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockRow = new NpgsqlCommand("select 1 from progress_tracker_tests.mt_streams where id = $1 for update", connection, transaction))
        {
            lockRow.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = world.StudentS });
            (await lockRow.ExecuteScalarAsync(ct)).ShouldBe(1);
        }

        var write = Send("POST", $"/api/students/{world.StudentS}/course-completions", Pathways.Course(world.ProgramB, "english"),
            Identities.College(world.CollegeB));
        var finished = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(10), ct));
        await transaction.RollbackAsync(ct);

        finished.ShouldBe(write, "a caller who may not see the student waited for its row lock");
        (await write).Status.ShouldBe(404);
    }

    /// <summary>
    /// A student who volunteered, held a job, studied at college B, transferred to college A, graduated there, passed
    /// the RHIT and was placed, all within the last fourteen months (both colleges still serve the student).
    /// </summary>
    private async Task<(Guid Student, Guid CollegeA, Guid ProgramA, Guid CollegeB)> Transfer()
    {
        var collegeA = await Host.RegisterCollege("College A");
        var collegeB = await Host.RegisterCollege("College B");
        var programA = await Host.AddProgram(collegeA, name: "College A Health Information Technology");
        var programB = await Host.AddProgram(collegeB);
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor, "Terry Transfer");
        string Ago(int days) => Day(Today.AddDays(-days));
        await Host.Record(student, "volunteering", new
        {
            organization = "Mercy", setting = "hospital", hours = 8, startedOn = Ago(420), endedOn = Ago(420),
        });
        await Host.Job(student, Ago(400), inField: false);
        await Host.Enroll(student, programB, Ago(300), "2025-FA");
        await Host.Record(student, "course-completions", Pathways.Course(programB, "english", Ago(250)));
        await Host.Record(student, "withdrawals", new { programId = programB, withdrawnOn = Ago(200), reason = "transfer" });
        await Host.Enroll(student, programA, Ago(190), "2026-SP");
        await Host.CompleteAllCourses(student, programA, Ago(60));
        await Host.Graduate(student, programA, Ago(30));
        await Host.Exam(student, Ago(20), passed: true);
        await Host.Job(student, Ago(10));
        return (student, collegeA, programA, collegeB);
    }

    [Fact]
    public async Task a_college_sees_its_own_programs_and_what_followed_enrolling_there()
    {
        var (student, collegeA, programA, collegeB) = await Transfer();
        string Ago(int days) => Day(Today.AddDays(-days));

        var whole = await Host.Timeline(student);
        var seenByA = await Host.Timeline(student, token: Identities.College(collegeA));
        var seenByB = await Host.Timeline(student, token: Identities.College(collegeB));

        static List<string> Kinds(JsonObject timeline) =>
            [.. timeline["milestones"]!.AsArray().Select(m => $"{m!["type"]!.GetValue<string>()} {m["occurredOn"]!.GetValue<string>()}")];
        Kinds(whole).Count.ShouldBe(14);
        Kinds(seenByA).ShouldBe([
            $"student-registered {Day(Today)}", $"enrolled-in-program {Ago(190)}",
            $"course-completed {Ago(60)}", $"course-completed {Ago(60)}", $"course-completed {Ago(60)}", $"course-completed {Ago(60)}",
            $"degree-conferred {Ago(30)}", $"certification-exam-taken {Ago(20)}", $"job-placed {Ago(10)}",
        ], ignoreOrder: true);
        seenByA["milestones"]!.AsArray().Where(m => m!["programId"] is not null)
            .ShouldAllBe(m => m!["programId"]!.GetValue<Guid>() == programA);
        // Derived summaries come from the whole record.
        seenByA["stage"]!.GetValue<string>().ShouldBe(whole["stage"]!.GetValue<string>());
        seenByA["name"]!.GetValue<string>().ShouldBe("Terry Transfer");

        // College B: its own enrollment, course and withdrawal, and what followed enrolling there (it feeds its
        // reports), but not the volunteering, the job before, or college A's milestones.
        Kinds(seenByB).ShouldBe([
            $"student-registered {Day(Today)}", $"enrolled-in-program {Ago(300)}", $"course-completed {Ago(250)}",
            $"program-withdrawn {Ago(200)}", $"certification-exam-taken {Ago(20)}", $"job-placed {Ago(10)}",
        ], ignoreOrder: true);

        // The summaries do not name another college's program to college B (the eligibility is judged on A's degree).
        whole["examEligibility"]!["reason"]!.GetValue<string>().ShouldContain("College A Health Information Technology");
        seenByB.ToJsonString().ShouldNotContain("College A");
        seenByA["examEligibility"]!["reason"]!.GetValue<string>().ShouldContain("College A Health Information Technology");

        // The college's student export: dates from the college's view (the job after enrolling there, not the one before).
        await Host.WaitForReports();
        var csv = await Host.Scenario(x =>
        {
            x.As(Identities.College(collegeA));
            x.Get.Url($"/api/colleges/{collegeA}/students.csv");
            x.StatusCodeShouldBe(200);
        });
        var lines = (await csv.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimEnd('\r').Split(',');
        var row = lines[1].TrimEnd('\r').Split(',');
        row[Array.IndexOf(header, "studentId")].ShouldBe(student.ToString());
        row[Array.IndexOf(header, "firstJobOn")].ShouldBe(Ago(10));
    }

    [Fact]
    public async Task a_colleges_access_ends_months_after_its_last_enrollment_ended()
    {
        var collegeA = await Host.RegisterCollege("College A");
        var programA = await Host.AddProgram(collegeA);
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        var college = Identities.College(collegeA);
        await Host.Enroll(student, programA, "2024-08-26");
        await Host.Record(student, "withdrawals", new { programId = programA, withdrawnOn = Day(Today.AddDays(-1)), reason = "personal" });
        await Host.WaitForReports();

        async Task<bool> InCsv() => (await Host.Scenario(x =>
        {
            x.As(college);
            x.Get.Url($"/api/colleges/{collegeA}/students.csv");
            x.StatusCodeShouldBe(200);
        }).ContinueWith(t => t.Result.ReadAsTextAsync()).Unwrap()).Contains(student.ToString(), StringComparison.Ordinal);

        // Eleven months on: still within Access:CollegeMonthsAfterEnrollment (12).
        Clock.Advance(TimeSpan.FromDays(335));
        (await Send("GET", $"/api/students/{student}/timeline", null, college)).Status.ShouldBe(200);
        (await InCsv()).ShouldBeTrue();

        // Thirteen months on: gone for the college, as if unknown; the student's advisor and admins still see it.
        Clock.Advance(TimeSpan.FromDays(60));
        await ShouldLookUnknown("GET", id => $"/api/students/{id}/timeline", student, null, college);
        await ShouldLookUnknown("POST", id => $"/api/students/{id}/enrollments", student,
            new { programId = programA, cohort = "2026-FA", intensity = "full-time", startedOn = Day(Today) }, college);
        (await InCsv()).ShouldBeFalse();
        await Host.Timeline(student, token: Identities.Advisor(advisor));
    }

    private async Task<Guid> StudentByNumber(string number)
    {
        await using var session = Store.QuerySession();
        return (await Marten.QueryableExtensions.SingleAsync(
            session.Query<ProgressTracker.Students.Student>().Where(s => s.StudentNumber == number), TestContext.Current.CancellationToken)).Id;
    }
}
