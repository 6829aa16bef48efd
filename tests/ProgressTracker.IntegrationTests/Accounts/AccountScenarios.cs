using System.Net;
using System.Text.Json.Nodes;
using Alba;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Accounts;

/// <summary>The account directory through its HTTP routes, as the admin page and the college page use it.</summary>
public static class AccountScenarios
{
    public static async Task<Guid> Invite(this IAlbaHost host, object body, string? token = null)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            x.Post.Json(body).ToUrl("/api/accounts");
            x.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Created>())!.Id;
    }

    public static async Task<JsonArray> Accounts(this IAlbaHost host, string? token = null, string query = "")
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            x.Get.Url("/api/accounts" + query);
            x.StatusCodeShouldBe(200);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsArray();
    }

    public static async Task<int> Revoke(this IAlbaHost host, Guid accountId, string? token = null)
    {
        var result = await host.Scenario(x =>
        {
            x.As(token ?? Identities.Admin);
            x.Delete.Url($"/api/accounts/{accountId}");
            x.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    public static JsonNode? WithId(this JsonArray accounts, Guid id) => accounts.FirstOrDefault(a => a!["id"]!.GetValue<Guid>() == id);

    public static IEnumerable<Guid> Ids(this JsonArray accounts) => accounts.Select(a => a!["id"]!.GetValue<Guid>());

    public static string Email() => $"{Guid.NewGuid():N}@people.example.edu";

    public static HttpStatusCode Status(this IScenarioResult result) => (HttpStatusCode)result.Context.Response.StatusCode;
}
