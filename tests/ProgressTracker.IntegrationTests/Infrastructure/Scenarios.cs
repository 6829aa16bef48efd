using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>Builds state through the real HTTP API, as a client would.</summary>
public static class Scenarios
{
    /// <summary>A date as the API writes it.</summary>
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<Guid> RegisterAdvisor(this IAlbaHost host, string name = "Avery Advisor")
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name, email = $"{Guid.NewGuid():N}@advisors.example.edu" }).ToUrl("/api/advisors");
            x.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Created>())!.Id;
    }

    public static async Task<Guid> RegisterStudent(this IAlbaHost host, Guid advisorId, string name = "Sam Student")
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name, email = $"{Guid.NewGuid():N}@students.example.edu", advisorId }).ToUrl("/api/students");
            x.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Created>())!.Id;
    }

    /// <summary>Posts a milestone body and expects 201; answers what the service said.</summary>
    public static async Task<MilestoneWritten> Record(this IAlbaHost host, Guid studentId, string route, object body, string? token = null)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            x.Post.Json(body).ToUrl($"/api/students/{studentId}/{route}");
            x.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<MilestoneWritten>())!;
    }

    /// <summary>
    /// Posts and expects a problem with <paramref name="status"/>; answers the problem document. A string body is sent
    /// as it is, as <paramref name="contentType"/> (CSV unless told).
    /// </summary>
    public static async Task<JsonObject> Reject(this IAlbaHost host, string url, object body, int status, string? token = null,
        string contentType = "text/csv")
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            var (path, query) = url.Split('?') is [var p, var q] ? (p, q) : (url, "");
            var send = body is string text ? x.Post.Text(text).ToUrl(path) : x.Post.Json(body).ToUrl(path);
            if (body is string) x.WithRequestHeader("Content-Type", contentType);
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')))
                send.QueryString(pair[0], pair[1]);
            x.StatusCodeShouldBe(status);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    public static async Task<JsonObject> Timeline(this IAlbaHost host, Guid studentId, string? asOf = null, string? token = null)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            x.Get.Url($"/api/students/{studentId}/timeline" + (asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}"));
            x.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    /// <summary>The student's access log as <paramref name="token"/> reads it (200 expected), newest first.</summary>
    public static async Task<JsonArray> AccessLog(this IAlbaHost host, Guid studentId, string token)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token);
            x.Get.Url($"/api/students/{studentId}/access-log");
            x.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsArray();
    }

    public static async Task<int> EventCount(this IAlbaHost host, Guid studentId)
    {
        var store = host.Services.GetService(typeof(Marten.IDocumentStore)) as Marten.IDocumentStore;
        await using var session = store!.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(studentId);
        return (int)(state?.Version ?? 0);
    }

    public static JsonSerializerOptions Json => ProgressTracker.Infrastructure.Json.Http;
}
