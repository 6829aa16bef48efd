using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Reports;

/// <summary>IPEDS fall-to-fall retention on the cohort and outcomes reports (domain.md 5), from term registrations.</summary>
public sealed class retention_reports(AppFixture fixture) : IntegrationContext(fixture)
{
    private Guid _college;
    private Guid _program;
    private Guid _other;
    private DateTimeOffset _beforeLastRegistration;

    private Task<Guid> Register(Guid student, Guid program, string term) =>
        Host.Record(student, "term-registrations", new { programId = program, term }).ContinueWith(t => t.Result.MilestoneId);

    /// <summary>
    /// Lakeside's 2024-FA cohort in program P (24 months), seven members; retention looks at 2025-FA (from 2025-08-15):
    /// A registered 2024-FA, 2025-SP, 2025-FA: retained. B registered 2024-FA and 2025-SP, then never came back.
    /// C graduated early, 2025-07-15 (before 2025-FA starts): retained. D withdrew deceased: excluded.
    /// E's 2025-FA registration was voided. F withdrew for personal reasons. G switched to the college's program Q
    /// (entry 2025-SP) and is registered in Q for 2025-FA: retained (retention is the college's, with a filter too).
    /// A's 2025-FA registration is recorded last, so that a report asOf just before it does not see it.
    /// </summary>
    private async Task BuildCohort()
    {
        _college = await Host.RegisterCollege();
        _program = await Host.AddProgram(_college);
        _other = await Host.AddProgram(_college, name: "Medical Coding");
        var advisor = await Host.RegisterAdvisor();
        async Task<Guid> Member() => await Host.EnrolledStudent(advisor, _program, "2024-FA", "2024-08-26");

        var a = await Member();
        await Register(a, _program, "2024-FA");
        await Register(a, _program, "2025-SP");
        var b = await Member();
        await Register(b, _program, "2024-FA");
        await Register(b, _program, "2025-SP");
        var c = await Member();
        await Host.CompleteAllCourses(c, _program, "2025-06-01");
        await Host.Degree(c, _program, "2025-07-15");
        await Host.Withdraw(await Member(), _program, "2025-03-01", "deceased");
        var e = await Member();
        await Host.Void(e, await Register(e, _program, "2025-FA"));
        await Host.Withdraw(await Member(), _program, "2025-05-01", "personal");
        var g = await Member();
        await Host.Withdraw(g, _program, "2025-01-05", "transfer");
        await Host.Enroll(g, _other, "2025-01-10", "2025-SP");
        await Register(g, _other, "2025-FA");

        await using (var session = Store.QuerySession())
            _beforeLastRegistration = (await session.Events.FetchStreamAsync(g, token: TestContext.Current.CancellationToken))[^1].Timestamp;
        await Register(a, _program, "2025-FA");
        await Host.WaitForReports();
    }

    private string CohortUrl(string query = "") => $"/api/colleges/{_college}/cohorts/2024-FA/report{query}";

    private static JsonArray Warnings(JsonObject report) => report["warnings"]!.AsArray();

    [Fact]
    public async Task retention_counts_next_fall_registrations_and_early_graduates_over_the_cohort_less_exclusions()
    {
        await BuildCohort();

        // C = 7 (A..G), E = 1 (D). College-wide: A (registered), C (graduated), G (registered in Q) -> 3 / 6.
        var college = await Host.GetJson(CohortUrl());
        college.Figures("retention").ShouldBe((3, 6));
        Warnings(college).ShouldBeEmpty();
        college.Measure("retention")["formula"]!.GetValue<string>().ShouldContain("one year after entry");

        // Program P: the same members, and G's registration in the college's program Q still counts -> 3 / 6.
        var program = await Host.GetJson(CohortUrl($"?programId={_program}"));
        program.Figures("retention").ShouldBe((3, 6));
        Warnings(program).ShouldBeEmpty();
    }

    [Fact]
    public async Task as_of_counts_only_the_registrations_recorded_then_and_warns_when_none_stood()
    {
        await BuildCohort();
        var asOf = $"?asOf={Uri.EscapeDataString(_beforeLastRegistration.ToString("O"))}";

        // Before A's 2025-FA registration: C and G -> 2 / 6 college-wide.
        var then = await Host.GetJson(CohortUrl(asOf));
        then.Figures("retention").ShouldBe((2, 6));
        Warnings(then).ShouldBeEmpty();   // G's registration in Q stood

        // In P only E's had been recorded for 2025-FA, and it was voided by then: no registration stood, so the warning.
        var programThen = await Host.GetJson(CohortUrl($"{asOf}&programId={_program}"));
        programThen.Figures("retention").ShouldBe((2, 6));   // C, and G registered in Q
        var warning = Warnings(programThen).Single()!;
        warning["measure"]!.GetValue<string>().ShouldBe("retention");
        warning["message"]!.GetValue<string>().ShouldContain("2025-FA");
    }

    [Fact]
    public async Task a_cohort_whose_next_term_has_no_registration_at_all_is_warned_about()
    {
        await BuildCohort();

        // G is the college's 2025-SP cohort (Q); nothing is recorded for 2026-SP: 0 / 1, and the warning names the term.
        var report = await Host.GetJson($"/api/colleges/{_college}/cohorts/2025-SP/report");
        report.Figures("retention").ShouldBe((0, 1));
        Warnings(report).Single()!["message"]!.GetValue<string>().ShouldContain("2026-SP");
    }

    [Fact]
    public async Task registrations_that_were_all_voided_are_none_recorded()
    {
        _college = await Host.RegisterCollege();
        _program = await Host.AddProgram(_college);
        var student = await Host.EnrolledStudent(await Host.RegisterAdvisor(), _program, "2024-FA", "2024-08-26");
        await Host.Void(student, await Register(student, _program, "2025-FA"));
        await Host.WaitForReports();

        foreach (var query in new[] { "", $"?programId={_program}" })
        {
            var report = await Host.GetJson(CohortUrl(query));
            report.Figures("retention").ShouldBe((0, 1));
            Warnings(report).Single()!["message"]!.GetValue<string>().ShouldContain("2025-FA");
        }
    }

    [Fact]
    public async Task the_outcomes_report_gives_the_retention_of_the_years_entrants()
    {
        await BuildCohort();

        // APAR year 2024-25 (2024-08-01 to 2025-07-31). P's entrants: A..G (started 2024-08-26), D excluded: A C G (G in Q) -> 3 / 6.
        // Q's entrant: G (started 2025-01-10, 2025-SP): nothing is recorded for Q in 2026-SP -> 0 / 1 with the warning.
        var report = await Host.GetJson($"/api/colleges/{_college}/outcomes?academicYear=2024-25");
        var programs = report["programs"]!.AsArray();
        var p = programs.Single(x => x!["programId"]!.GetValue<Guid>() == _program)!;
        (p["retention"]!["numerator"]!.GetValue<int>(), p["retention"]!["denominator"]!.GetValue<int>()).ShouldBe((3, 6));
        p["warnings"]!.AsArray().ShouldBeEmpty();
        var q = programs.Single(x => x!["programId"]!.GetValue<Guid>() == _other)!;
        (q["retention"]!["numerator"]!.GetValue<int>(), q["retention"]!["denominator"]!.GetValue<int>()).ShouldBe((0, 1));
        q["warnings"]!.AsArray().Single()!["message"]!.GetValue<string>().ShouldContain("2026-SP");

        // asOf before A's 2025-FA registration: C and G, 2 / 6.
        var then = await Host.GetJson($"/api/colleges/{_college}/outcomes?academicYear=2024-25&asOf={Uri.EscapeDataString(_beforeLastRegistration.ToString("O"))}");
        var pThen = then["programs"]!.AsArray().Single(x => x!["programId"]!.GetValue<Guid>() == _program)!;
        pThen["retention"]!["numerator"]!.GetValue<int>().ShouldBe(2);
    }
}
