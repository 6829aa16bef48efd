using System.Text;
using System.Text.Json.Nodes;
using Alba;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Imports;
using Wolverine.Tracking;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>Roster imports through the HTTP API.</summary>
public static class Imports
{
    /// <summary>Uploads a CSV as a text/csv body; answers the import id.</summary>
    public static async Task<Guid> StartImport(this IAlbaHost host, Guid collegeId, string kind, string csv, string? token = null)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            x.Post.Text(csv).ToUrl($"/api/colleges/{collegeId}/imports").QueryString("kind", kind);
            x.WithRequestHeader("Content-Type", "text/csv");
            x.StatusCodeShouldBe(202);
        });
        return (await result.ReadAsJsonAsync<Created>())!.Id;
    }

    /// <summary>Uploads and waits until the background import has run; answers the import id.</summary>
    public static async Task<Guid> RunImport(this IAlbaHost host, Guid collegeId, string kind, string csv, string? token = null)
    {
        Guid id = default;
        await host.ExecuteAndWaitAsync(async () => id = await host.StartImport(collegeId, kind, csv, token), 60_000);
        return id;
    }

    /// <summary>Uploads and waits until the background import has run (Wolverine message tracking, no sleeping).</summary>
    public static async Task<ImportStatus> Import(this IAlbaHost host, Guid collegeId, string kind, string csv, string? token = null)
    {
        return await host.ImportStatus(await host.RunImport(collegeId, kind, csv, token));
    }

    public static async Task<ImportStatus> ImportStatus(this IAlbaHost host, Guid importId)
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/imports/{importId}");
            x.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<ImportStatus>())!;
    }

    public static async Task<string> ImportErrors(this IAlbaHost host, Guid importId)
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/imports/{importId}/errors");
            x.StatusCodeShouldBe(200);
        });
        return await result.ReadAsTextAsync();
    }

    public static string Csv(params string[] lines) => new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
}
