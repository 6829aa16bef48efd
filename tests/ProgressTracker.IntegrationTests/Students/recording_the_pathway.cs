using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

/// <summary>Every milestone route, each success and each rejection, through HTTP.</summary>
public sealed class recording_the_pathway(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Stage(System.Text.Json.Nodes.JsonObject timeline) => timeline["stage"]!.GetValue<string>();

    [Fact]
    public async Task a_student_walks_the_whole_pathway_to_placed()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        await Host.Record(student, "volunteering",
            new { organization = "Mercy General", setting = "hospital", hours = 40, startedOn = "2024-03-01", endedOn = "2024-05-31" });
        await Host.Enroll(student, program);
        Stage(await Host.Timeline(student)).ShouldBe("enrolled");
        await Host.CompleteAllCourses(student, program);
        Stage(await Host.Timeline(student)).ShouldBe("coursework-complete");
        await Host.Graduate(student, program);
        Stage(await Host.Timeline(student)).ShouldBe("graduated");
        await Host.Record(student, "exam-attempts", new { exam = "rhit", takenOn = "2026-06-10", passed = true, score = 342 });
        Stage(await Host.Timeline(student)).ShouldBe("credentialed");
        var placed = await Host.Record(student, "job-placements", new
        {
            employer = "Mercy General", setting = "hospital", specialty = "coding", fullTime = true, inField = true, startedOn = "2026-07-01",
        });

        var timeline = await Host.Timeline(student);
        Stage(timeline).ShouldBe("placed");
        timeline["version"]!.GetValue<long>().ShouldBe(placed.Version);
        placed.Version.ShouldBe(1 + 1 + 1 + 4 + 1 + 1 + 1);
        timeline["milestones"]!.AsArray().Count.ShouldBe(10);
    }

    [Fact]
    public async Task a_graduate_of_a_non_accredited_program_is_refused_the_rhit_exam()
    {
        var (student, _) = await Host.GraduateOf(accredited: false);

        var problem = await Host.Reject($"/api/students/{student}/exam-attempts",
            new { exam = "rhit", takenOn = "2026-06-10", passed = true }, 409);

        problem["rule"]!.GetValue<string>().ShouldBe("rhit-not-eligible");
        (await Host.Timeline(student))["examEligibility"]!["eligible"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task a_retake_inside_the_wait_is_refused()
    {
        var (student, _) = await Host.GraduateOf();
        await Host.Record(student, "exam-attempts", new { exam = "rhit", takenOn = "2026-06-10", passed = false, score = 270 });

        var problem = await Host.Reject($"/api/students/{student}/exam-attempts",
            new { exam = "rhit", takenOn = "2026-06-20", passed = true }, 409);

        problem["rule"]!.GetValue<string>().ShouldBe("rhit-retake-too-soon");
        await Host.Record(student, "exam-attempts", new { exam = "rhit", takenOn = "2026-07-15", passed = true, score = 310 });
    }

    [Fact]
    public async Task a_degree_without_the_required_categories_is_refused()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Enroll(student, program);
        await Host.Record(student, "course-completions", Pathways.Course(program, "english"));

        var problem = await Host.Reject($"/api/students/{student}/degrees", new { programId = program, award = "aas", conferredOn = "2026-05-15" }, 409);

        problem["rule"]!.GetValue<string>().ShouldBe("missing-categories");
        problem["detail"]!.GetValue<string>().ShouldContain("mathematics");
        (await Host.EventCount(student)).ShouldBe(3);
    }

    [Fact]
    public async Task a_course_without_an_enrollment_is_refused()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        var problem = await Host.Reject($"/api/students/{student}/course-completions", Pathways.Course(program, "english"), 409);

        problem["rule"]!.GetValue<string>().ShouldBe("not-enrolled");
        (await Host.EventCount(student)).ShouldBe(1);
    }

    [Fact]
    public async Task milestones_before_their_enrollment_are_refused()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Enroll(student, program, startedOn: "2024-08-26");

        (await Host.Reject($"/api/students/{student}/course-completions", Pathways.Course(program, "english", "2024-08-01"), 409))
            ["rule"]!.GetValue<string>().ShouldBe("before-enrollment");
        (await Host.Reject($"/api/students/{student}/withdrawals", new { programId = program, withdrawnOn = "2024-08-01", reason = "personal" }, 409))
            ["rule"]!.GetValue<string>().ShouldBe("before-enrollment");
    }

    [Theory]
    [InlineData("enrollments", "startedOn")]
    [InlineData("course-completions", "completedOn")]
    [InlineData("withdrawals", "withdrawnOn")]
    [InlineData("degrees", "conferredOn")]
    [InlineData("exam-attempts", "takenOn")]
    [InlineData("job-placements", "startedOn")]
    [InlineData("outcomes", "reportedOn")]
    public async Task future_and_impossible_dates_are_refused(string route, string dateField)
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        foreach (var date in new[] { "2999-01-01", "2025-02-29", "2025-13-01" })
        {
            var body = Bodies.For(route, program);
            body[dateField] = date;
            var problem = await Host.Reject($"/api/students/{student}/{route}", body, 400);
            problem["errors"]![dateField].ShouldNotBeNull($"{route} accepted {dateField} = {date}");
        }
        (await Host.EventCount(student)).ShouldBe(1);
    }

    [Fact]
    public async Task withdrawal_moves_the_student_to_withdrawn_and_re_enrollment_back()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Enroll(student, program);
        await Host.Record(student, "withdrawals", new { programId = program, withdrawnOn = "2025-01-10", reason = "financial" });
        Stage(await Host.Timeline(student)).ShouldBe("withdrawn");

        await Host.Enroll(student, program, startedOn: "2025-08-25", cohort: "2025-FA", intensity: "part-time");

        Stage(await Host.Timeline(student)).ShouldBe("enrolled");
    }

    [Fact]
    public async Task an_unknown_program_is_a_404()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        await Host.Reject($"/api/students/{student}/enrollments",
            new { programId = Guid.CreateVersion7(), cohort = "2024-FA", intensity = "full-time", startedOn = "2024-08-26" }, 404);
    }

    [Fact]
    public async Task a_graduate_reports_a_non_job_outcome()
    {
        var (student, _) = await Host.GraduateOf();

        await Host.Record(student, "outcomes", new { status = "continuing-education", reportedOn = "2026-08-01" });

        var timeline = await Host.Timeline(student);
        timeline["milestones"]!.AsArray().ShouldContain(m => m!["type"]!.GetValue<string>() == "graduate-outcome-reported");
    }

    [Fact]
    public async Task reassigning_the_advisor_moves_the_student()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var next = await Host.RegisterAdvisor("Blake Advisor");

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = next }).ToUrl($"/api/students/{student}/advisor");
            x.StatusCodeShouldBe(201);
        });

        await using var session = Store.QuerySession();
        (await session.LoadAsync<ProgressTracker.Students.Student>(student, TestContext.Current.CancellationToken))!.AdvisorId.ShouldBe(next);
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = next }).ToUrl($"/api/students/{student}/advisor");
            x.StatusCodeShouldBe(409);
        });
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = Guid.CreateVersion7() }).ToUrl($"/api/students/{student}/advisor");
            x.StatusCodeShouldBe(404);
        });
    }
}

/// <summary>A valid body for each milestone route, to vary one field at a time.</summary>
public static class Bodies
{
    public static Dictionary<string, object?> For(string route, Guid programId) => route switch
    {
        "enrollments" => new() { ["programId"] = programId, ["cohort"] = "2024-FA", ["intensity"] = "full-time", ["startedOn"] = "2024-08-26" },
        "course-completions" => new()
        {
            ["programId"] = programId, ["courseCode"] = "HIT-101", ["title"] = "Intro", ["category"] = "english", ["credits"] = 3,
            ["grade"] = "A", ["completedOn"] = "2025-01-10",
        },
        "withdrawals" => new() { ["programId"] = programId, ["withdrawnOn"] = "2025-01-10", ["reason"] = "personal" },
        "degrees" => new() { ["programId"] = programId, ["award"] = "aas", ["conferredOn"] = "2026-05-15" },
        "exam-attempts" => new() { ["exam"] = "rhit", ["takenOn"] = "2026-06-10", ["passed"] = true },
        "job-placements" => new()
        {
            ["employer"] = "Mercy", ["setting"] = "hospital", ["specialty"] = "coding", ["fullTime"] = true, ["inField"] = true,
            ["startedOn"] = "2026-07-01",
        },
        "outcomes" => new() { ["status"] = "military", ["reportedOn"] = "2026-07-01" },
        "term-registrations" => new() { ["programId"] = programId, ["term"] = "2024-FA" },
        "volunteering" => new()
        {
            ["organization"] = "Mercy", ["setting"] = "hospital", ["hours"] = 8, ["startedOn"] = "2024-01-01", ["endedOn"] = "2024-01-01",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };
}
