using System.Text.Json.Nodes;
using Alba;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.IntegrationTests.Accounts;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using Wolverine.Tracking;

namespace ProgressTracker.IntegrationTests.FollowUps;

/// <summary>A small world with alerts to follow up, built through the API, and the calls the follow-up tests make.</summary>
public static class FollowUpScenarios
{

    /// <summary>A student with a known name and e-mail (the privacy checks look for them), enrolled in <paramref name="program"/>.</summary>
    public static async Task<Guid> NamedStudent(this IAlbaHost host, Guid advisor, Guid program, string name, string email, string startedOn)
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name, email, advisorId = advisor }).ToUrl("/api/students");
            x.StatusCodeShouldBe(201);
        });
        var student = (await result.ReadAsJsonAsync<ProgressTracker.Infrastructure.Created>())!.Id;
        await host.Enroll(student, program, startedOn, "2026-FA");
        return student;
    }

    public static async Task<IReadOnlyList<AlertRaised>> Sweep(this IAlbaHost host)
    {
        await host.WaitForReports();
        var tracked = await host.InvokeMessageAndWaitAsync(new SweepAlerts());
        return [.. tracked.Sent.MessagesOf<AlertRaised>()];
    }

    public static async Task<JsonArray> FollowUps(this IAlbaHost host, Guid advisor, string query = "", string? token = null)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Advisor(advisor));
            x.Get.Url($"/api/advisors/{advisor}/follow-ups{query}");
            x.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsArray();
    }

    public static async Task<IScenarioResult> Contact(this IAlbaHost host, Guid advisor, Guid followUp, object body, int status, string? token = null) =>
        await host.Scenario(x =>
        {
            x.As(token ?? Identities.Advisor(advisor));
            x.Post.Json(body).ToUrl($"/api/advisors/{advisor}/follow-ups/{followUp}/contacts");
            x.StatusCodeShouldBe(status);
        });

    public static async Task<IScenarioResult> Resolve(this IAlbaHost host, Guid advisor, Guid followUp, object body, int status, string? token = null) =>
        await host.Scenario(x =>
        {
            x.As(token ?? Identities.Advisor(advisor));
            x.Post.Json(body).ToUrl($"/api/advisors/{advisor}/follow-ups/{followUp}/resolve");
            x.StatusCodeShouldBe(status);
        });

    public static async Task Status(this IAlbaHost host, string method, string url, string token, int status, object? body = null) =>
        await host.Scenario(x =>
        {
            x.As(token);
            _ = method switch
            {
                "GET" => x.Get.Url(url),
                "PUT" => x.Put.Json(body ?? new { }).ToUrl(url),
                _ => x.Post.Json(body ?? new { }).ToUrl(url),
            };
            x.StatusCodeShouldBe(status);
        });

    public static async Task<Guid> InviteAdvisor(this IAlbaHost host, Guid advisor, string email) =>
        await host.Invite(new { email, role = "advisor", advisorId = advisor });

    public static async Task<Guid> InviteStudent(this IAlbaHost host, Guid student, string email) =>
        await host.Invite(new { email, role = "student", studentId = student });
}
