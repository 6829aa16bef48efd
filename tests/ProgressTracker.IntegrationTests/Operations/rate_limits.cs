using Alba;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>
/// The shared test host runs with limits out of reach; these tests start a second host on the same PostgreSQL (its
/// own schema) with low ones: 5 requests a minute per caller, 1 import an hour.
/// </summary>
public sealed class rate_limits(AppFixture fixture) : IntegrationContext(fixture)
{
    private Task<IAlbaHost> LimitedHost() => SecondHost.StartAsync(Host,
    [
        ("Marten:Schema", "progress_tracker_rate_limits"), ("RateLimit:PermitsPerMinute", "5"), ("RateLimit:ImportsPerHour", "1"),
    ]);

    private static async Task<HttpResponseMessage> Get(HttpClient client, string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task a_burst_over_the_limit_gets_429_with_retry_after_while_another_caller_is_served()
    {
        await using var host = await LimitedHost();
        using var client = host.Server.CreateClient();
        var busy = Identities.Admin;
        var other = Identities.Token("admin-2", "admin");
        var url = $"/api/imports/{Guid.CreateVersion7()}";

        var burst = new List<int>();
        for (var i = 0; i < 6; i++) burst.Add((int)(await Get(client, url, busy)).StatusCode);
        var refused = await Get(client, url, busy);

        burst.Take(5).ShouldAllBe(status => status == 404);
        burst[5].ShouldBe(429);
        ((int)refused.StatusCode).ShouldBe(429);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((int)(await Get(client, url, other)).StatusCode).ShouldBe(404);
        // Health checks are not limited, whoever asks.
        for (var i = 0; i < 10; i++) ((int)(await Get(client, "/health/live", null)).StatusCode).ShouldBe(200);
    }

    [Fact]
    public async Task anonymous_callers_are_counted_by_address_and_imports_have_their_own_hourly_limit()
    {
        await using var host = await LimitedHost();
        using var client = host.Server.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++) statuses.Add((int)(await Get(client, "/api/colleges", null)).StatusCode);
        statuses.ShouldBe([401, 401, 401, 401, 401, 429]);

        var college = Identities.Token("importer-1", "admin");
        async Task<int> StartImport()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/colleges/{Guid.CreateVersion7()}/imports?kind=nope")
            {
                Content = new StringContent("name\n"),
            };
            request.Headers.Authorization = new("Bearer", college);
            return (int)(await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
        }
        (await StartImport()).ShouldBe(400);
        (await StartImport()).ShouldBe(429);
        ((int)(await Get(client, $"/api/imports/{Guid.CreateVersion7()}", college)).StatusCode).ShouldBe(404);   // other routes still served
    }
}
