using System.Globalization;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Advisors;

/// <summary>
/// Part-time deadlines on the dashboard (domain.md 5 and 6; issue 19 finding 6): a part-time entrant's 150% of normal
/// time is 72 months for a 24-month program, so deadline-near comes in its last 6 months, not at 30 to 36 months.
/// </summary>
public sealed class part_time_deadlines(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task deadline_near_comes_six_months_before_72_months_for_a_part_time_entrant()
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var advisor = await Host.RegisterAdvisor();

        // Both started 69 months ago: part-time the 72 months end in 3 months (near); full-time 36 months ended
        // 33 months ago (past, so not near). Started 33 months ago part-time: 39 months left (not near), where the
        // full-time window (fixed by c794445 for reports, alert added by e2f7465) would have ended in 3 months.
        var longAgo = Day(today.AddMonths(-69));
        var partTimer = await Host.RegisterStudent(advisor);
        await Host.Enroll(partTimer, program, longAgo, "2020-FA", "part-time");
        var fullTimer = await Host.RegisterStudent(advisor);
        await Host.Enroll(fullTimer, program, longAgo, "2020-FA");
        var recent = await Host.RegisterStudent(advisor);
        await Host.Enroll(recent, program, Day(today.AddMonths(-33)), "2024-FA", "part-time");

        var caseload = (await Host.GetJson($"/api/advisors/{advisor}/dashboard"))["caseload"]!.AsArray();
        string[] Alerts(Guid s) => [.. caseload.Single(r => r!["studentId"]!.GetValue<Guid>() == s)!["alerts"]!.AsArray().Select(a => a!.GetValue<string>())];
        Alerts(partTimer).ShouldContain("deadline-near");
        Alerts(fullTimer).ShouldNotContain("deadline-near");
        Alerts(recent).ShouldNotContain("deadline-near");
    }
}
