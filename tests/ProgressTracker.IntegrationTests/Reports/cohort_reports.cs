using System.Text.Json.Nodes;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Reports;

namespace ProgressTracker.IntegrationTests.Reports;

public sealed class cohort_reports(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Cohort = "2022-FA";
    private const string Start = "2022-08-22"; // 24-month program: 150% means a degree by 2025-08-22

    private Guid _college;
    private Guid _program;
    private Guid _g;
    private Guid _gDegree;

    /// <summary>
    /// Eight members of Lakeside's 2022-FA cohort (A..H), plus a student of another entry term and one of another
    /// college with the same term, who must not leak in. G is recorded last, so that asOf its degree sees everyone.
    /// </summary>
    private async Task BuildCohort()
    {
        _college = await Host.RegisterCollege();
        _program = await Host.AddProgram(_college);
        var otherCollegeProgram = await Host.AddProgram(await Host.RegisterCollege("Hillside College"));
        var advisor = await Host.RegisterAdvisor();

        async Task<Guid> Member() => await Host.EnrolledStudent(advisor, _program, Cohort, Start);
        async Task<Guid> Graduate(string conferredOn, string coursesOn = "2024-04-01")
        {
            var s = await Member();
            await Host.CompleteAllCourses(s, _program, coursesOn);
            await Host.Degree(s, _program, conferredOn);
            return s;
        }

        // A: on time; passed the first attempt; in-field job 47 days after the degree.
        var a = await Graduate("2024-05-15");
        await Host.Exam(a, "2024-06-20", passed: true);
        await Host.Job(a, "2024-07-01");

        // B: graduated late; failed, then passed; seeking work.
        var b = await Graduate("2025-12-15");
        await Host.Exam(b, "2026-01-10", passed: false);
        await Host.Exam(b, "2026-03-01", passed: true);
        await Host.Outcome(b, "seeking", "2026-03-15");

        // C: early tester (coursework complete, passed 39 days before the degree); continuing education.
        var c = await Member();
        await Host.CompleteAllCourses(c, _program, "2024-03-01");
        await Host.Exam(c, "2024-04-01", passed: true);
        await Host.Degree(c, _program, "2024-05-10");
        await Host.Outcome(c, "continuing-education", "2024-06-01");

        // D: deceased, an IPEDS exclusion. E: withdrew for personal reasons.
        await Host.Withdraw(await Member(), _program, "2023-03-01", "deceased");
        await Host.Withdraw(await Member(), _program, "2023-03-01", "personal");

        // F: still enrolled, coursework complete.
        await Host.CompleteAllCourses(await Member(), _program, "2024-04-01");

        // H: failed once; off-field job 61 days after the degree.
        var h = await Graduate("2024-06-01");
        await Host.Exam(h, "2024-07-01", passed: false);
        await Host.Job(h, "2024-08-01", inField: false);

        // Must not leak in: another entry term at this college, the same term at another college.
        var spring = await Host.EnrolledStudent(advisor, _program, "2023-SP", "2023-01-09");
        await Host.CompleteAllCourses(spring, _program, "2024-04-01");
        await Host.Degree(spring, _program, "2024-05-15");
        var elsewhere = await Host.EnrolledStudent(advisor, otherCollegeProgram, Cohort, Start);
        await Host.CompleteAllCourses(elsewhere, otherCollegeProgram, "2024-04-01");
        await Host.Degree(elsewhere, otherCollegeProgram, "2024-05-15");

        // G, recorded last: a degree that will be voided.
        _g = await Member();
        await Host.CompleteAllCourses(_g, _program, "2024-04-01");
        _gDegree = await Host.Degree(_g, _program, "2024-05-15");
    }

    private string ReportUrl(string query = "") => $"/api/colleges/{_college}/cohorts/{Cohort}/report{query}";

    [Fact]
    public async Task the_report_counts_the_cohort_by_hand()
    {
        await BuildCohort();
        await Host.Void(_g, _gDegree);
        await Host.WaitForReports();

        var report = await Host.GetJson(ReportUrl());

        report["cohortSize"]!.GetValue<int>().ShouldBe(8);     // A..H
        report["excluded"]!.GetValue<int>().ShouldBe(1);       // D
        var funnel = report["funnel"]!;
        funnel["enrolled"]!.GetValue<int>().ShouldBe(8);
        funnel["coursework-complete"]!.GetValue<int>().ShouldBe(6);   // A B C F G H
        funnel["graduated"]!.GetValue<int>().ShouldBe(4);             // A B C H (G's degree is void)
        funnel["exam-attempted"]!.GetValue<int>().ShouldBe(4);        // A B C H
        funnel["credentialed"]!.GetValue<int>().ShouldBe(3);          // A B C
        funnel["placed"]!.GetValue<int>().ShouldBe(2);                // A H

        report.Figures("graduation-rate-150").ShouldBe((3, 7));       // A C H of 8 - 1 (B late)
        // IPEDS fall-to-fall: graduated by 2023-FA (2023-08-15) or registered for it. Nobody was: the college records no
        // term registrations here, and the report says so beside the measure (term_registrations.cs counts them).
        report.Figures("retention").ShouldBe((0, 7));
        report["warnings"]!.AsArray().Single()!["measure"]!.GetValue<string>().ShouldBe("retention");
        report.Figures("first-attempt-pass-rate").ShouldBe((2, 4));   // A C of A B C H
        report.Figures("ultimate-pass-rate").ShouldBe((3, 4));        // A B C
        report.Figures("knowledge-rate").ShouldBe((4, 4));            // A H employed, B seeking, C continuing education
        report.Figures("career-outcomes-rate").ShouldBe((3, 4));      // A C H of A B C H
        report.Figures("in-field-placement-rate").ShouldBe((1, 3));   // A of A B H (C continuing education)
        report.Measure("graduation-rate-150")["rate"]!.GetValue<double>().ShouldBe(0.4286);
        report.Measure("graduation-rate-150")["formula"]!.GetValue<string>().ShouldContain("150%");

        // Enrollment to degree: A 632, C 627, H 649, B 1211 days -> (632 + 649) / 2.
        // Degree to first pass: C -39, A 36, B 76 -> 36. Degree to first job: A 47, H 61 -> 54.
        var medians = report["medianDays"]!;
        medians["enrollmentToDegree"]!.GetValue<double>().ShouldBe(640.5);
        medians["degreeToCredential"]!.GetValue<double>().ShouldBe(36);
        medians["degreeToJob"]!.GetValue<double>().ShouldBe(54);
    }

    [Fact]
    public async Task as_of_replays_the_record_before_a_void()
    {
        await BuildCohort();
        await using (var session = Store.QuerySession())
        {
            // The instant G's degree was recorded: G was a graduate then.
            var events = await session.Events.FetchStreamAsync(_g, token: TestContext.Current.CancellationToken);
            var degreeRecordedAt = events[^1].Timestamp;
            await Host.Void(_g, _gDegree);
            await Host.WaitForReports();

            var then = await Host.GetJson(ReportUrl($"?asOf={Uri.EscapeDataString(degreeRecordedAt.ToString("O"))}"));
            var now = await Host.GetJson(ReportUrl());

            then.Figures("graduation-rate-150").ShouldBe((4, 7));
            then["funnel"]!["graduated"]!.GetValue<int>().ShouldBe(5);
            now.Figures("graduation-rate-150").ShouldBe((3, 7));
        }
    }

    [Fact]
    public async Task as_of_counts_a_member_whose_enrollment_was_voided_later()
    {
        await BuildCohort();
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        var enrollment = (await Host.Record(student, "enrollments", new { programId = _program, cohort = Cohort, intensity = "full-time", startedOn = Start })).MilestoneId;
        await Host.WaitForReports();
        var enrolledUntil = DateTimeOffset.UtcNow;
        (await Host.GetJson(ReportUrl()))["cohortSize"]!.GetValue<int>().ShouldBe(9);

        await Host.Void(student, enrollment);
        await Host.WaitForReports();

        // The voided enrollment's row stays, marked: the current report leaves the student out, a past one replays them.
        (await Host.GetJson(ReportUrl()))["cohortSize"]!.GetValue<int>().ShouldBe(8);
        (await Host.GetJson(ReportUrl($"?asOf={Uri.EscapeDataString(enrolledUntil.ToString("O"))}")))["cohortSize"]!.GetValue<int>().ShouldBe(9);
    }

    [Fact]
    public async Task a_program_filter_and_csv_give_one_row_per_measure_with_its_formula()
    {
        await BuildCohort();
        await Host.WaitForReports();

        var filtered = await Host.GetJson(ReportUrl($"?programId={Guid.CreateVersion7()}"));
        filtered["cohortSize"]!.GetValue<int>().ShouldBe(0);
        filtered.Measure("retention")["rate"].ShouldBeNull();

        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url(ReportUrl($"?programId={_program}"));
            x.WithRequestHeader("Accept", "text/csv");
            x.StatusCodeShouldBe(200);
            x.Header("Content-Type").SingleValueShouldEqual("text/csv; charset=utf-8");
        });
        var lines = (await result.ReadAsTextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("name,numerator,denominator,rate,formula");
        lines.Length.ShouldBe(8);
        lines.ShouldContain(l => l.StartsWith("graduation-rate-150,4,7,0.5714,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_rebuild_gives_the_same_figures()
    {
        await BuildCohort();
        await Host.Void(_g, _gDegree);
        await Host.WaitForReports();
        var before = (await Host.GetJson(ReportUrl())).ToJsonString();

        var coordinator = Host.Services.GetRequiredService<IProjectionCoordinator>();
        await coordinator.DaemonForMainDatabase()
            .RebuildProjectionAsync(ReportsConfiguration.ProjectionName, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await Host.WaitForReports();

        (await Host.GetJson(ReportUrl())).ToJsonString().ShouldBe(before);
    }

    [Fact]
    public async Task unknown_colleges_are_404_and_bad_queries_400()
    {
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/colleges/{Guid.CreateVersion7()}/cohorts/{Cohort}/report");
            x.StatusCodeShouldBe(404);
        });
        var college = await Host.RegisterCollege();
        foreach (var bad in new[] { $"{college}/cohorts/2022-XX/report", $"{college}/cohorts/{Cohort}/report?asOf=soon",
                     $"{college}/cohorts/{Cohort}/report?programId=nope" })
        {
            var result = await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Get.Url($"/api/colleges/{bad}");
                x.StatusCodeShouldBe(400);
            });
            JsonNode.Parse(await result.ReadAsTextAsync())!["errors"].ShouldNotBeNull();
        }
    }
}
