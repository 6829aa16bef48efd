using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>
/// An <c>Idempotency-Key</c> costs the service a buffered body, a connection, an advisory lock and a stored row: only
/// a caller allowed to make the write may spend them.
/// </summary>
public sealed class idempotency_keys_and_access(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<int> StoredAnswers()
    {
        await using var query = Store.QuerySession();
        return await query.Query<IdempotentResponse>().CountAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Holds the advisory lock a keyed request of <paramref name="subject"/> would take, runs <paramref name="send"/>,
    /// and fails if the request waits for it (it would wait until the lock is released).
    /// </summary>
    private async Task<HttpResponseMessage> WhileKeyIsLocked(string subject, string key, Func<Task<HttpResponseMessage>> send)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(hashtextextended(@id, 7))", connection))
        {
            take.Parameters.AddWithValue("id", $"{subject}:{key}");
            await take.ExecuteScalarAsync(ct);
        }
        try
        {
            return await send().WaitAsync(TimeSpan.FromSeconds(15), ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock_all()", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task an_anonymous_keyed_request_with_a_big_body_takes_no_lock_and_stores_nothing()
    {
        var college = await Host.RegisterCollege();
        using var client = Host.Server.CreateClient();
        var body = new string('x', 8 * 1024 * 1024);

        var response = await WhileKeyIsLocked(Caller.Anonymous, "big-anonymous", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/colleges/{college}/imports?kind=students")
            {
                Content = new StringContent(body, MediaTypeHeaderValue.Parse("text/csv")),
            };
            request.Headers.Add(Idempotency.Header, "big-anonymous");
            return client.SendAsync(request, TestContext.Current.CancellationToken);
        });

        ((int)response.StatusCode).ShouldBe(401);
        (await StoredAnswers()).ShouldBe(0);
    }

    [Fact]
    public async Task a_keyed_request_refused_by_a_route_policy_takes_no_lock_and_stores_nothing()
    {
        var college = await Host.RegisterCollege();
        var other = await Host.RegisterCollege();
        var subject = $"college-{other}";
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Identities.College(other));

        var response = await WhileKeyIsLocked(subject, "not-my-college", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/colleges/{college}/imports?kind=students")
            {
                Content = new StringContent("name,email,studentNumber,advisorId\n", MediaTypeHeaderValue.Parse("text/csv")),
            };
            request.Headers.Add(Idempotency.Header, "not-my-college");
            return client.SendAsync(request, TestContext.Current.CancellationToken);
        });

        // Another college's route: refused by the route policy, answered as not found (ScopeRefusals).
        ((int)response.StatusCode).ShouldBe(404);
        (await StoredAnswers()).ShouldBe(0);
    }

    [Fact]
    public async Task a_keyed_write_to_a_record_the_caller_may_not_see_stores_nothing()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var stranger = Identities.Advisor(await Host.RegisterAdvisor("Other Advisor"));
        var before = await StoredAnswers();

        var refused = await Host.Scenario(x =>
        {
            x.As(stranger);
            x.WithRequestHeader(Idempotency.Header, "not-on-my-caseload");
            x.Post.Json(Bodies.For("volunteering", Guid.Empty)).ToUrl($"/api/students/{student}/volunteering");
            x.IgnoreStatusCode();
        });

        // A record the caller may not see answers as an unknown one (domain.md section 2).
        refused.Context.Response.StatusCode.ShouldBe(404);

        (await StoredAnswers()).ShouldBe(before);
    }

    [Fact]
    public async Task a_keyed_write_from_a_token_without_a_subject_is_a_400_and_stores_nothing()
    {
        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AppFixture.Auth.Issuer,
            Audience = AppFixture.Auth.Audience,
            Claims = new Dictionary<string, object> { ["role"] = Roles.Admin },
            IssuedAt = now, NotBefore = now, Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(Authentication.SigningKey(AppFixture.Auth), SecurityAlgorithms.HmacSha256),
        });
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        client.DefaultRequestHeaders.Add(Idempotency.Header, "who-am-i");

        var response = await client.PostAsJsonAsync("/api/advisors", new { name = "Nobody's Advisor", email = "n@example.edu" },
            TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(Idempotency.Header);
        (await StoredAnswers()).ShouldBe(0);
    }
}
