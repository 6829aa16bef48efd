using System.Globalization;
using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Reports;

/// <summary>
/// The outcomes report (domain.md 5, the CAHIIM APAR figures for an academic year, 1 Aug - 31 Jul) on issue 19's
/// finding 8, on the year's boundary days, and <c>asOf</c> given as a date on every report and the timeline. Every
/// program is 24 months long; figures worked out by hand in the comments. Run on the parent of the outcomes fix
/// (30e5432^), every test here failed (the year's counts did not exist there).
/// </summary>
public sealed class outcomes_report(AppFixture fixture) : IntegrationContext(fixture)
{
    private Guid _college;
    private Guid _advisor;

    private async Task<Guid> Student(Guid program, string cohort, string start, string intensity = "full-time")
    {
        var s = await Host.RegisterStudent(_advisor);
        await Host.Enroll(s, program, start, cohort, intensity);
        return s;
    }

    private async Task<Guid> Graduate(Guid program, string cohort, string start, string degree)
    {
        var s = await Student(program, cohort, start);
        await Host.CompleteAllCourses(s, program, start);
        await Host.Degree(s, program, degree);
        return s;
    }

    private Task<JsonObject> Outcomes(string year, string? asOf = null) =>
        Host.GetJson($"/api/colleges/{_college}/outcomes?academicYear={year}" + (asOf is null ? "" : $"&asOf={Uri.EscapeDataString(asOf)}"));

    private static JsonNode Program(JsonObject report, Guid program) =>
        report["programs"]!.AsArray().Single(p => p!["programId"]!.GetValue<Guid>() == program)!;

    private static (int, int) Figures(JsonNode program, string measure) =>
        (program[measure]!["numerator"]!.GetValue<int>(), program[measure]!["denominator"]!.GetValue<int>());

    private static int Count(JsonNode program, string count) => program["counts"]![count]!.GetValue<int>();

    [Fact]
    public async Task finding_8_employment_within_12_months_of_the_degree_accredited_programs_only_and_reproducible_as_of()
    {
        // Fixed by 30e5432 (outcomes report as domain.md 5 lists it). Year 2024-25: 2024-08-01 .. 2025-07-31.
        _college = await Host.RegisterCollege();
        _advisor = await Host.RegisterAdvisor();
        var p = await Host.AddProgram(_college);                                         // CAHIIM from 2010, open
        var never = await Host.AddProgram(_college, accredited: false, name: "Never Accredited HIT");
        var ending = await Host.AddProgram(_college, name: "Evening HIT");              // ends 2024-09-30, recorded below
        var ended = await Host.AddProgram(_college, name: "Weekend HIT");
        await Host.EndAccreditation(ended, "2024-07-31");                                // the last day of 2023-24

        // P's graduates of 2024-25, all enrolled 2022-08-22:
        var g1 = await Graduate(p, "2022-FA", "2022-08-22", "2024-08-15");
        await Host.Job(g1, "2025-08-15");                                                // 12 months to the day: employed
        var g2 = await Host.RegisterStudent(_advisor);
        await Host.Job(g2, "2019-06-01");                                                // before enrolling: not employment
        await Host.Enroll(g2, p, "2022-08-22", "2022-FA");
        await Host.CompleteAllCourses(g2, p, "2022-08-22");
        await Host.Degree(g2, p, "2024-09-15");
        var g5 = await Graduate(p, "2022-FA", "2022-08-22", "2024-10-15");
        await Host.Job(g5, "2025-10-16", inField: false);                                // 12 months and a day: not within
        var g6 = await Graduate(p, "2022-FA", "2022-08-22", "2025-01-15");
        await Host.Outcome(g6, "continuing-education", "2025-02-01");                    // out of the denominator
        await Graduate(never, "2022-FA", "2022-08-22", "2025-01-15");                    // never accredited: not listed
        await Host.WaitForReports();
        await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);   // recorded instants differ
        var filed = DateTimeOffset.UtcNow;                                               // the APAR is filed now
        await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);

        // After filing: another graduate of the year, and the end of the evening program's accreditation is recorded.
        Clock.Fake.SetUtcNow(filed.AddSeconds(1));
        await Host.EndAccreditation(ending, "2024-09-30");
        await Graduate(p, "2022-FA", "2022-08-22", "2025-03-01");
        await Host.WaitForReports();

        var now = await Outcomes("2024-25");
        // Listed: P and the evening program (accredited until 2024-09-30, inside the year); not the never-accredited
        // one, nor the weekend one, whose last accredited day was 2024-07-31 (on 30e5432^ all four were listed).
        now["programs"]!.AsArray().Select(x => x!["programId"]!.GetValue<Guid>()).ShouldBe([ending, p], ignoreOrder: true);
        Program(now, ending)["accreditationEndedOn"]!.GetValue<string>().ShouldBe("2024-09-30");
        Program(now, p)["accreditationEndedOn"].ShouldBeNull();
        // Employment: g1 / (g1 g2 g5 and the late graduate; g6 in continuing education) = 1 / 4 (was 3 / 4 before
        // c794445 and 30e5432: any job counted, g2's of 2019 and g5's of 12 months and a day on). In field: 1 / 1.
        var pNow = Program(now, p);
        pNow["graduates"]!.GetValue<int>().ShouldBe(5);
        Figures(pNow, "employmentRate").ShouldBe((1, 4));
        Figures(pNow, "inFieldShare").ShouldBe((1, 1));

        // As filed: 4 graduates (the late one not recorded yet), employment 1 / 3, the evening program still open.
        var asFiled = await Outcomes("2024-25", filed.ToString("O"));
        asFiled["asOf"].ShouldNotBeNull();
        Program(asFiled, p)["graduates"]!.GetValue<int>().ShouldBe(4);
        Figures(Program(asFiled, p), "employmentRate").ShouldBe((1, 3));
        Program(asFiled, ending)["accreditationEndedOn"].ShouldBeNull();
        // The weekend program belongs to 2023-24, its last year.
        Program(await Outcomes("2023-24"), ended)["accreditationEndedOn"]!.GetValue<string>().ShouldBe("2024-07-31");
    }

    [Fact]
    public async Task the_academic_year_runs_from_august_1_to_july_31_inclusive()
    {
        _college = await Host.RegisterCollege();
        _advisor = await Host.RegisterAdvisor();
        var p = await Host.AddProgram(_college);

        // Degrees on 2025-07-31 (2024-25) and 2025-08-01 (2025-26).
        await Graduate(p, "2023-FA", "2023-08-21", "2025-07-31");
        await Graduate(p, "2023-FA", "2023-08-21", "2025-08-01");
        // Entrants on 2024-07-31 (2023-24), 2024-08-01 (2024-25, withdrew 2025-07-31: a 2024-25 withdrawal),
        // 2025-07-31 part-time (2024-25, withdrew 2025-08-01: a 2025-26 withdrawal), 2025-08-01 (2025-26).
        await Student(p, "2024-SU", "2024-07-31");
        await Host.Withdraw(await Student(p, "2024-FA", "2024-08-01"), p, "2025-07-31", "personal");
        await Host.Withdraw(await Student(p, "2025-SU", "2025-07-31", "part-time"), p, "2025-08-01", "personal");
        await Student(p, "2025-FA", "2025-08-01");
        // 150% of normal time (36 months): from 2021-07-31 it ends 2024-07-31 (due in 2023-24, no degree); from
        // 2021-08-01 it ends 2024-08-01 (due in 2024-25), and that degree on the deadline day is within it.
        await Student(p, "2021-SU", "2021-07-31");
        await Graduate(p, "2021-FA", "2021-08-01", "2024-08-01");
        await Host.WaitForReports();

        // 2023-24: entrants 2023-08-21 (the two graduates) and 2024-07-31; no degree, no withdrawal in it.
        var y2324 = Program(await Outcomes("2023-24"), p);
        (Count(y2324, "entrantsFullTime"), Count(y2324, "entrantsPartTime"), Count(y2324, "graduates"), Count(y2324, "withdrawals"))
            .ShouldBe((3, 0, 0, 0));
        Figures(y2324, "graduationRate").ShouldBe((0, 1));

        // 2024-25: entrants 2024-08-01 (full) and 2025-07-31 (part); graduates 2025-07-31 and 2024-08-01; one withdrawal.
        var y2425 = Program(await Outcomes("2024-25"), p);
        (Count(y2425, "entrantsFullTime"), Count(y2425, "entrantsPartTime"), Count(y2425, "graduates"), Count(y2425, "withdrawals"))
            .ShouldBe((1, 1, 2, 1));
        Figures(y2425, "graduationRate").ShouldBe((1, 1));

        // 2025-26: entrant 2025-08-01, graduate 2025-08-01, withdrawal 2025-08-01; nobody's 150% ends in it.
        var y2526 = Program(await Outcomes("2025-26"), p);
        (Count(y2526, "entrantsFullTime"), Count(y2526, "entrantsPartTime"), Count(y2526, "graduates"), Count(y2526, "withdrawals"))
            .ShouldBe((1, 0, 1, 1));
        Figures(y2526, "graduationRate").ShouldBe((0, 0));
        y2526["graduationRate"]!["rate"].ShouldBeNull();
    }

    [Fact]
    public async Task as_of_a_date_is_the_end_of_that_day_in_utc_on_every_report_and_the_timeline()
    {
        // Everything below is recorded today (UTC): asOf today (its end, after now) sees it all, asOf yesterday nothing.
        _college = await Host.RegisterCollege();
        _advisor = await Host.RegisterAdvisor();
        var p = await Host.AddProgram(_college);
        var g = await Graduate(p, "2022-FA", "2022-08-22", "2024-05-15");
        await Host.Job(g, "2024-07-01");
        await Host.WaitForReports();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Cohort(string day) => $"/api/colleges/{_college}/cohorts/2022-FA/report?asOf={day}";
        string Placements(string day) => $"/api/colleges/{_college}/placements?asOf={day}";

        var cohortToday = await Host.GetJson(Cohort(today));
        cohortToday["cohortSize"]!.GetValue<int>().ShouldBe(1);
        cohortToday["funnel"]!["placed"]!.GetValue<int>().ShouldBe(1);
        DateTimeOffset.Parse(cohortToday["asOf"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            .ShouldBe(new DateTimeOffset(DateOnly.Parse(today, CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1));
        (await Host.GetJson(Cohort(yesterday)))["cohortSize"]!.GetValue<int>().ShouldBe(0);

        // (On 30e5432^ the placement report ignored asOf: 1 both days.)
        (await Host.GetJson(Placements(today)))["placements"]!.GetValue<int>().ShouldBe(1);
        (await Host.GetJson(Placements(yesterday)))["placements"]!.GetValue<int>().ShouldBe(0);

        // Outcomes 2023-24 (the degree of 2024-05-15): today one graduate; yesterday the program was not recorded yet.
        Program(await Outcomes("2023-24", today), p)["graduates"]!.GetValue<int>().ShouldBe(1);
        (await Outcomes("2023-24", yesterday))["programs"]!.AsArray().ShouldBeEmpty();

        (await Host.Timeline(g, asOf: today))["stage"]!.GetValue<string>().ShouldBe("placed");

        // Not a date: 400 on each.
        foreach (var url in new[] { Cohort("2025-02-30"), Placements("2025-02-30"), $"/api/colleges/{_college}/outcomes?academicYear=2024-25&asOf=2025-02-30" })
        {
            await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Get.Url(url);
                x.StatusCodeShouldBe(400);
            });
        }
    }
}
