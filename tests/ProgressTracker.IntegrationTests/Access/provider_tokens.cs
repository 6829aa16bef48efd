using System.Text;
using Alba;
using Marten;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ProgressTracker.Accounts;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Testing;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>
/// Bearer tokens of the institution's provider (<c>Auth:Authority</c>): real RS256 access tokens of the local
/// provider (ops/oidc), which also slips a forged <c>role: admin</c> into each. The caller's role comes from their
/// account only; no account, a revoked one, or a token signed any other way is refused.
/// </summary>
public sealed class provider_tokens(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>An account id the provider slips into its tokens: the caller must never be recorded as it.</summary>
    private static readonly Guid ForgedAccount = Guid.Parse("0199a000-0000-7000-8000-0000000000aa");

    private LocalOidcProvider _provider = null!;
    private IAlbaHost _service = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _provider = await LocalOidcProvider.StartAsync(new Uri("http://127.0.0.1:9/"), TestContext.Current.CancellationToken,
            extraTokenClaims: $$"""{"role":"admin","Role":"advisor","college_id":"0199a000-0000-7000-8000-000000000001","account_id":"{{ForgedAccount}}"}""");
        _service = await SecondHost.StartAsync(Host,
        [
            ("Auth:Authority", _provider.Authority.ToString().TrimEnd('/')), ("Auth:AuthorityAudience", LocalOidcProvider.ApiAudience),
        ]);
    }

    public override async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _provider.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task the_role_comes_from_the_account_never_from_the_tokens_claims()
    {
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        var token = await BoundTokenAsync("pat.lee@students.example.edu", Roles.Student, studentId: student);

        var me = (await (await _service.Scenario(x => { x.Get.Url("/api/me"); x.WithRequestHeader("Authorization", $"Bearer {token}"); }))
            .ReadAsJsonAsync<Me>())!;
        me.Role.ShouldBe(Roles.Student);
        me.StudentId.ShouldBe(student);
        me.CollegeId.ShouldBeNull();
        me.Subject.ShouldStartWith("account-");
        me.Subject.ShouldNotContain(ForgedAccount.ToString());
        await Status(token, "GET", $"/api/students/{student}/timeline").ShouldBeAsync(200);
        // The forged "role: admin" (and "Role: advisor": claim checks ignore letter case) in the provider's token open nothing.
        await Status(token, "POST", "/api/colleges", new { name = "Forged College" }).ShouldBeAsync(403);
        await Status(token, "GET", $"/api/advisors/{advisor}/dashboard").ShouldBeAsync(403);
    }

    [Fact]
    public async Task a_person_without_an_account_or_with_a_revoked_one_is_refused()
    {
        var stranger = await _provider.AccessTokenAsync("stranger@elsewhere.example.org", TestContext.Current.CancellationToken);
        await Status(stranger, "GET", "/api/me").ShouldBeAsync(403);

        var advisor = await Host.RegisterAdvisor();
        var token = await BoundTokenAsync("avery@college.example.edu", Roles.Advisor, advisorId: advisor);
        await Status(token, "GET", $"/api/advisors/{advisor}/dashboard").ShouldBeAsync(200);

        await using (var session = Store.LightweightSession())
        {
            var account = await session.Query<Account>().SingleAsync(a => a.AdvisorId == advisor, TestContext.Current.CancellationToken);
            session.Store(account with { State = AccountState.Revoked, RevokedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The same token, the next request.
        await Status(token, "GET", $"/api/advisors/{advisor}/dashboard").ShouldBeAsync(403);
        await Status(token, "GET", "/api/me").ShouldBeAsync(403);
    }

    [Fact]
    public async Task every_route_refuses_a_person_without_an_account_and_a_revoked_one()
    {
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        var college = Guid.CreateVersion7();
        var stranger = await _provider.AccessTokenAsync("nobody@elsewhere.example.org", TestContext.Current.CancellationToken);
        var revoked = await BoundTokenAsync("former@college.example.edu", Roles.Advisor, advisorId: advisor);
        await using (var session = Store.LightweightSession())
        {
            var account = await session.Query<Account>().SingleAsync(a => a.AdvisorId == advisor, TestContext.Current.CancellationToken);
            session.Store(account with { State = AccountState.Revoked, RevokedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        (string Method, string Url)[] routes =
        [
            ("GET", "/api/me"), ("GET", $"/api/students/{student}/timeline"), ("GET", $"/api/students/{student}/access-log"),
            ("POST", $"/api/students/{student}/volunteering"), ("POST", "/api/students"), ("GET", $"/api/advisors/{advisor}/dashboard"),
            ("GET", $"/api/advisors/{advisor}/alerts"), ("GET", $"/api/colleges/{college}/cohorts/2024-FA/report"),
            ("GET", $"/api/colleges/{college}/students.csv"), ("POST", "/api/colleges"), ("GET", "/api/accounts"), ("POST", "/api/accounts"),
            ("GET", "/api/colleges"),
        ];

        var failures = new List<string>();
        foreach (var (name, token) in new[] { ("no account", stranger), ("revoked", revoked) })
        {
            foreach (var (method, url) in routes)
            {
                var status = await Status(token, method, url);
                if (status != 403) failures.Add($"{method} {url} as {name}: {status}");
            }
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_token_in_the_providers_name_signed_any_other_way_is_refused()
    {
        var advisor = await Host.RegisterAdvisor();
        var real = await BoundTokenAsync("sam@college.example.edu", Roles.Advisor, advisorId: advisor);
        await Status(real, "GET", "/api/me").ShouldBeAsync(200);
        var parts = real.Split('.');

        // The same claims, unsigned (alg none), and signed HS256 with the provider's public key as the secret
        // (the classic algorithm confusion): both fail the pinned algorithms.
        var unsigned = $"{Encode("""{"alg":"none","typ":"at+jwt"}""")}.{parts[1]}.";
        await Status(unsigned, "GET", "/api/me").ShouldBeAsync(401);

        var jwks = await new HttpClient().GetStringAsync(new Uri(_provider.Authority, "jwks"), TestContext.Current.CancellationToken);
        var hs256Header = Encode("""{"alg":"HS256","typ":"at+jwt"}""");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(jwks));
        var signature = Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes($"{hs256Header}.{parts[1]}")));
        await Status($"{hs256Header}.{parts[1]}.{signature}", "GET", "/api/me").ShouldBeAsync(401);
    }

    /// <summary>A provider token for this login, whose account (invited with this role) is bound to its subject.</summary>
    private async Task<string> BoundTokenAsync(string email, string role, Guid? advisorId = null, Guid? studentId = null)
    {
        var token = await _provider.AccessTokenAsync(email, TestContext.Current.CancellationToken);
        var jwt = new JsonWebToken(token);
        jwt.Alg.ShouldBe("RS256");
        jwt.Typ.ShouldBe("at+jwt");
        jwt.GetClaim("role").Value.ShouldBe("admin", "the provider is meant to forge a role here");
        // As if the person had signed in on the pages once: the account is bound to their issuer and subject.
        await using var session = Store.LightweightSession();
        session.Store(new Account
        {
            Id = Guid.CreateVersion7(), Email = Account.NormalizeEmail(email), Role = role, AdvisorId = advisorId, StudentId = studentId,
            State = AccountState.Active, Login = Account.LoginOf(jwt.Issuer, jwt.Subject), InvitedBy = "provider-tokens-test",
            InvitedAt = DateTimeOffset.UtcNow, BoundAt = DateTimeOffset.UtcNow,
        });
        await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        return token;
    }

    private async Task<int> Status(string token, string method, string url, object? body = null)
    {
        var result = await _service.Scenario(x =>
        {
            if (method == "GET") x.Get.Url(url);
            else x.Post.Json(body ?? new { }).ToUrl(url);
            x.WithRequestHeader("Authorization", $"Bearer {token}");
            x.IgnoreStatusCode();
        });
        return result.Context.Response.StatusCode;
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(json);
}

internal static class StatusAssertions
{
    public static async Task ShouldBeAsync(this Task<int> status, int expected) => (await status).ShouldBe(expected);

    public static async Task ShouldNotBeAsync(this Task<int> status, int unexpected) => (await status).ShouldNotBe(unexpected);
}
