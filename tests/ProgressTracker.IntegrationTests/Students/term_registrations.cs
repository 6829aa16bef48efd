using System.Globalization;
using ProgressTracker.Students.Imports;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using ProgressTracker.Students;

namespace ProgressTracker.IntegrationTests.Students;

/// <summary>POST term-registrations (api.md), its import kind and the no-re-registration alert, through HTTP.</summary>
public sealed class term_registrations(AppFixture fixture) : IntegrationContext(fixture)
{
    private Guid _college;
    private Guid _program;
    private Guid _advisor;
    private Guid _student;

    private string Url => $"/api/students/{_student}/term-registrations";

    /// <summary>A student of the college's program since 2024-FA, registered by an advisor, enrolled by the college.</summary>
    private async Task BuildEnrolled()
    {
        _college = await Host.RegisterCollege();
        _program = await Host.AddProgram(_college);
        _advisor = await Host.RegisterAdvisor();
        _student = await Host.EnrolledStudent(_advisor, _program, "2024-FA", "2024-08-26");
    }

    [Fact]
    public async Task the_programs_college_registers_a_student_for_a_term_and_the_timeline_shows_it_until_voided()
    {
        await BuildEnrolled();

        var written = await Host.Record(_student, "term-registrations", new { programId = _program, term = "2025-SP" }, Identities.College(_college));

        written.Version.ShouldBe(3);   // registered, enrolled, registered for the term
        // The college's own view of the timeline shows its program's registration.
        var timeline = await Host.Timeline(_student, token: Identities.College(_college));
        var shown = timeline["milestones"]!.AsArray().Single(m => m!["type"]!.GetValue<string>() == "term-registered")!;
        shown["id"]!.GetValue<Guid>().ShouldBe(written.MilestoneId);
        shown["term"]!.GetValue<string>().ShouldBe("2025-SP");
        shown["programId"]!.GetValue<Guid>().ShouldBe(_program);
        shown["collegeId"]!.GetValue<Guid>().ShouldBe(_college);

        // The student's advisor voids it through the one void route; then the term can be registered again.
        await Host.Record(_student, $"milestones/{written.MilestoneId}/void", new { reason = "wrong term" }, Identities.Advisor(_advisor));
        (await Host.Timeline(_student))["milestones"]!.AsArray()
            .Single(m => m!["id"]!.GetValue<Guid>() == written.MilestoneId)!["voided"]!.GetValue<bool>().ShouldBeTrue();
        await Host.Record(_student, "term-registrations", new { programId = _program, term = "2025-SP" }, Identities.Advisor(_advisor));
    }

    [Fact]
    public async Task a_repeat_a_term_before_entry_or_after_the_enrollment_ended_and_another_program_are_409()
    {
        await BuildEnrolled();
        var otherProgram = await Host.AddProgram(_college, name: "Medical Coding");
        await Host.Record(_student, "term-registrations", new { programId = _program, term = "2025-SP" });
        await Host.Withdraw(_student, _program, "2025-03-01", "personal");
        var events = await Host.EventCount(_student);

        (await Host.Reject(Url, new { programId = _program, term = "2025-SP" }, 409))["rule"]!.GetValue<string>().ShouldBe("already-registered");
        (await Host.Reject(Url, new { programId = _program, term = "2024-SU" }, 409))["rule"]!.GetValue<string>().ShouldBe("before-enrollment");
        (await Host.Reject(Url, new { programId = _program, term = "2025-FA" }, 409))["rule"]!.GetValue<string>().ShouldBe("not-enrolled");
        (await Host.Reject(Url, new { programId = otherProgram, term = "2025-SP" }, 409))["rule"]!.GetValue<string>().ShouldBe("not-enrolled");
        (await Host.EventCount(_student)).ShouldBe(events);
    }

    [Fact]
    public async Task roles_that_never_record_it_get_403_and_callers_who_may_not_see_the_student_404()
    {
        await BuildEnrolled();
        var otherCollege = await Host.RegisterCollege("Hillside College");
        var body = new { programId = _program, term = "2025-SP" };
        var events = await Host.EventCount(_student);

        await Host.Reject(Url, body, 403, Identities.Student(_student));
        await Host.Reject(Url, body, 404, Identities.Advisor(await Host.RegisterAdvisor("Other Advisor")));
        await Host.Reject(Url, body, 404, Identities.College(otherCollege));
        await Host.Reject($"/api/students/{Guid.CreateVersion7()}/term-registrations", body, 404, Identities.College(_college));
        await Host.Reject(Url, new { programId = Guid.CreateVersion7(), term = "2025-SP" }, 404, Identities.College(_college));
        (await Host.EventCount(_student)).ShouldBe(events);
    }

    [Fact]
    public async Task bad_input_is_400_and_appends_nothing()
    {
        await BuildEnrolled();
        var events = await Host.EventCount(_student);
        var farAhead = $"{DateTime.UtcNow.Year + 2}-FA";

        foreach (var (body, field) in new (object, string)[]
        {
            (new { programId = _program, term = "2025-WI" }, "term"),
            (new { programId = _program, term = "2025-fa" }, "term"),
            (new { programId = _program, term = farAhead }, "term"),
            (new { programId = _program }, "term"),
            (new { term = "2025-SP" }, "programId"),
        })
        {
            var problem = await Host.Reject(Url, body, 400, Identities.College(_college));
            problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
        }
        await Host.Reject(Url, "{\"programId\": 12, \"term\": \"2025-SP\"}", 400, Identities.College(_college), "application/json");
        (await Host.EventCount(_student)).ShouldBe(events);

        // An entry term in other digits than ASCII (a regex's \d takes them) is no term: refused at enrollment, where it
        // would otherwise be stored and break the term calendar's arithmetic on every later registration (a 500).
        var problem2 = await Host.Reject($"/api/students/{_student}/enrollments",
            new { programId = _program, cohort = "\u0662\u0660\u0662\u0664-FA", intensity = "full-time", startedOn = "2024-08-26" }, 400,
            Identities.College(_college));
        problem2["errors"]!.AsObject().ContainsKey("cohort").ShouldBeTrue(problem2.ToJsonString());
        (await Host.EventCount(_student)).ShouldBe(events);
    }

    [Fact]
    public async Task the_term_registrations_import_applies_rows_through_the_same_rules()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        var token = Identities.College(college);
        await Host.Import(college, "students", Imports.Csv("name,email,studentNumber,advisorId",
            $"Rosa Diaz,rosa@example.edu,S-1,{advisor}", $"Malik Johnson,malik@example.edu,S-2,{advisor}"), token);
        await Host.Import(college, "enrollments", Imports.Csv("studentNumber,programId,cohort,intensity,startedOn",
            $"S-1,{program},2024-FA,full-time,2024-08-26", $"S-2,{program},2024-FA,part-time,2024-08-26"), token);
        Student rosa;
        await using (var session = Store.QuerySession())
            rosa = await Marten.QueryableExtensions.SingleAsync(session.Query<Student>(), s => s.StudentNumber == "S-1", TestContext.Current.CancellationToken);
        await Host.Record(rosa.Id, "term-registrations", new { programId = program, term = "2024-FA" }, token);
        var csv = Imports.Csv("studentNumber,programId,term",
            $"S-1,{program},2024-FA",       // recorded through the route already: already-registered
            $"S-1,{program},2025-SP",
            $"S-2,{program},2025-SP",
            $"S-2,{program},2025-SP",       // the same row twice: the same milestone id, skipped
            $"S-1,{program},2025-WI",       // not a term
            $"S-9,{program},2025-SP");      // no such student at the college

        var status = await Host.Import(college, "term-registrations", csv, token);

        (status.State, status.Applied, status.Failed, status.Skipped).ShouldBe((ImportState.Completed, 2, 3, 1));
        var errors = await Host.ImportErrors(status.Id);
        errors.ShouldContain("1,row,already-registered");
        errors.ShouldContain("5,term,");
        errors.ShouldContain("6,studentNumber,");
        await using (var session = Store.QuerySession())
        {
            rosa = (await session.LoadAsync<Student>(rosa.Id, TestContext.Current.CancellationToken))!;
            rosa.RegisteredTerms.Select(r => r.Term).ShouldBe(["2024-FA", "2025-SP"]);
        }

        // The same file again appends nothing twice.
        var again = await Host.Import(college, "term-registrations", csv, token);
        (again.Applied, again.Skipped, again.Failed).ShouldBe((0, 3, 3));
    }

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>The term under way today: the latest whose start has passed.</summary>
    private string CurrentTerm()
    {
        var year = Today.Year;
        return new[] { $"{year}-FA", $"{year}-SU", $"{year}-SP" }.First(t => TermCalendar.Start(t) <= Today);
    }

    private async Task<IReadOnlyList<string>> AlertsOf(Guid student)
    {
        var dashboard = await Host.GetJson($"/api/advisors/{_advisor}/dashboard");
        return [.. dashboard["caseload"]!.AsArray().Single(r => r!["studentId"]!.GetValue<Guid>() == student)!["alerts"]!.AsArray()
            .Select(a => a!.GetValue<string>())];
    }

    [Fact]
    public async Task no_re_registration_fires_once_the_next_regular_term_is_past_its_grace()
    {
        _college = await Host.RegisterCollege();
        _program = await Host.AddProgram(_college);
        _advisor = await Host.RegisterAdvisor();
        var term = CurrentTerm();
        var start = TermCalendar.Start(term).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Registered for the current term; a classmate with no registration at all; one who withdrew after registering.
        var registered = await Host.EnrolledStudent(_advisor, _program, term, start);
        await Host.Record(registered, "term-registrations", new { programId = _program, term });
        var unrecorded = await Host.EnrolledStudent(_advisor, _program, term, start);
        var withdrawn = await Host.EnrolledStudent(_advisor, _program, term, start);
        await Host.Record(withdrawn, "term-registrations", new { programId = _program, term });
        await Host.Withdraw(withdrawn, _program, start, "personal");
        await Host.WaitForReports();

        (await AlertsOf(registered)).ShouldNotContain("no-re-registration");

        // The next regular term's start plus the 30 days of grace (appsettings), and one day more.
        var overdue = TermCalendar.Start(TermCalendar.NextRegular(term)).AddDays(31);
        Clock.Advance(TimeSpan.FromDays(overdue.DayNumber - Today.DayNumber));
        var dashboard = await Host.GetJson($"/api/advisors/{_advisor}/dashboard");
        (await AlertsOf(registered)).ShouldContain("no-re-registration");
        (await AlertsOf(unrecorded)).ShouldNotContain("no-re-registration");
        (await AlertsOf(withdrawn)).ShouldNotContain("no-re-registration");
        dashboard["byAlert"]!["no-re-registration"]!.GetValue<int>().ShouldBe(1);
    }
}
