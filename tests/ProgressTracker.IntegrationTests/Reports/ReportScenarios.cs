using System.Text.Json.Nodes;
using Alba;
using JasperFx.Core;
using Marten.Events;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Reports;

/// <summary>Milestones for report tests, through the HTTP API as a client records them.</summary>
public static class ReportScenarios
{
    public static async Task<Guid> EnrolledStudent(this IAlbaHost host, Guid advisor, Guid program, string cohort, string startedOn)
    {
        var student = await host.RegisterStudent(advisor);
        await host.Enroll(student, program, startedOn, cohort);
        return student;
    }

    public static async Task<Guid> Degree(this IAlbaHost host, Guid student, Guid program, string conferredOn) =>
        (await host.Record(student, "degrees", new { programId = program, award = "aas", conferredOn })).MilestoneId;

    public static Task Exam(this IAlbaHost host, Guid student, string takenOn, bool passed) =>
        host.Record(student, "exam-attempts", new { exam = "rhit", takenOn, passed, score = passed ? 320 : 280 });

    public static Task Job(this IAlbaHost host, Guid student, string startedOn, bool inField = true,
        string setting = "hospital", string specialty = "coding", bool fullTime = true) =>
        host.Record(student, "job-placements",
            new { employer = "Mercy General", setting, specialty, fullTime, inField, startedOn });

    public static Task Outcome(this IAlbaHost host, Guid student, string status, string reportedOn) =>
        host.Record(student, "outcomes", new { status, reportedOn });

    public static Task Withdraw(this IAlbaHost host, Guid student, Guid program, string withdrawnOn, string reason) =>
        host.Record(student, "withdrawals", new { programId = program, withdrawnOn, reason });

    public static Task Void(this IAlbaHost host, Guid student, Guid milestone) =>
        host.Record(student, $"milestones/{milestone}/void", new { reason = "recorded in error" });

    /// <summary>Reports are built by the async daemon: wait for it explicitly, never sleep.</summary>
    public static Task WaitForReports(this IAlbaHost host) => host.WaitForNonStaleProjectionDataAsync(30.Seconds());

    public static async Task<JsonObject> GetJson(this IAlbaHost host, string url)
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url(url);
            x.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    public static async Task<JsonArray> GetJsonArray(this IAlbaHost host, string url)
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url(url);
            x.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsArray();
    }

    public static JsonObject Measure(this JsonObject report, string name) =>
        report["measures"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == name)!.AsObject();

    public static (int Numerator, int Denominator) Figures(this JsonObject report, string name)
    {
        var m = report.Measure(name);
        return (m["numerator"]!.GetValue<int>(), m["denominator"]!.GetValue<int>());
    }
}
