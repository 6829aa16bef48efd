using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>The OpenAPI document's security schemes and requirements (Infrastructure/OpenApiSecurity.cs).</summary>
public sealed class openapi_security(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task every_operation_of_the_service_requires_the_bearer_scheme()
    {
        var result = await Host.Scenario(x => x.Get.Url("/openapi/v1.json"));
        var document = JsonNode.Parse(await result.ReadAsTextAsync())!;

        document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["components"]!["securitySchemes"]!["oidc"].ShouldBeNull();   // no Auth:Oidc:Authority in the tests
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Route: $"{o.Key} {p.Key}", Operation: o.Value!)));
        foreach (var (route, operation) in operations)
        {
            // The share link (api.md "Privacy rights") is open to whoever holds it: one empty requirement says so.
            if (route == "get /shared/{token}")
            {
                operation["security"]!.AsArray().Single()!.AsObject().Count.ShouldBe(0);
                continue;
            }
            var schemes = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList() ?? [];
            // The one route for anyone holding the link (api.md): its token is its authorization.
            if (route == "get /notifications/unsubscribe") schemes.ShouldBeEmpty();
            else schemes.ShouldBe(["bearer"], $"{route} must require the bearer scheme");
        }
    }

    /// <summary>A small host with the same OpenAPI setup: with OIDC configured, and an anonymous route beside a protected one.</summary>
    [Fact]
    public async Task with_oidc_configured_operations_accept_either_scheme_and_anonymous_ones_require_none()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:Oidc:Authority"] = "https://login.college.example.edu/realms/hit/";
        builder.Services.AddAuthorization();
        builder.Services.AddProgressTrackerOpenApi(builder.Configuration);
        await using var app = builder.Build();
        app.MapGet("/api/protected", () => "secret").RequireAuthorization();
        app.MapGet("/open", () => "hello").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json");
        await app.StartAsync(ct);

        var text = await app.GetTestClient().GetStringAsync("/openapi/v1.json", ct);
        var document = JsonNode.Parse(text)!;

        var oidc = document["components"]!["securitySchemes"]!["oidc"]!;
        oidc["type"]!.GetValue<string>().ShouldBe("openIdConnect");
        oidc["openIdConnectUrl"]!.GetValue<string>().ShouldBe("https://login.college.example.edu/realms/hit/.well-known/openid-configuration");
        var requirements = document["paths"]!["/api/protected"]!["get"]!["security"]!.AsArray();
        requirements.Select(r => r!.AsObject().Single().Key).ShouldBe(["bearer", "oidc"]);
        (document["paths"]!["/open"]!["get"]!["security"]?.AsArray() ?? []).ShouldBeEmpty();
        await app.StopAsync(ct);
    }
}
