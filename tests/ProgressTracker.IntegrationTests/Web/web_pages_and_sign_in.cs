using Alba;
using ProgressTracker.Accounts;
using ProgressTracker.Demo;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Web;

namespace ProgressTracker.IntegrationTests.Web;

public sealed class web_pages_and_sign_in(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/student.html")]
    [InlineData("/js/session.js")]
    [InlineData("/css/site.css")]
    public async Task pages_and_their_files_need_no_token(string path)
    {
        var result = await Host.Scenario(x =>
        {
            x.Get.Url(path);
            x.StatusCodeShouldBeOk();
        });
        if (path.EndsWith('/') || path.EndsWith(".html", StringComparison.Ordinal))
            result.Context.Response.Headers.ContentSecurityPolicy.ToString().ShouldContain("script-src 'self'");
    }

    [Fact]
    public async Task the_api_still_needs_a_token() =>
        await Host.Scenario(x =>
        {
            x.Get.Url("/api/advisors/0199a000-0000-7000-8000-000000000001/dashboard");
            x.StatusCodeShouldBe(401);
        });

    [Fact]
    public async Task the_demo_lists_its_invited_people_and_hands_out_no_token()
    {
        await new DemoSeeder(Store).SeedAsync(TestContext.Current.CancellationToken);

        var people = (await Host.GetAsJson<List<DemoPerson>>("/auth/demo/people"))!;
        people.Select(p => p.Role).Distinct().ShouldBe(["admin", "advisor", "college", "student"], ignoreOrder: true);
        people.ShouldContain(p => p.Role == "admin" && p.Email == DemoSeeder.AdminEmail);
        people.Where(p => p.Role == "advisor").Select(p => p.Email)
            .ShouldBe(["avery.chen@lakeside.example.edu", "jordan.okafor@lakeside.example.edu"]);

        // The old token-minting route is gone (people sign in through the provider): even for an admin it is not there.
        await Host.Scenario(x =>
        {
            x.Post.Json(new { role = "admin" }).ToUrl("/auth/demo/sign-in");
            x.WithRequestHeader("Authorization", $"Bearer {AdminToken}");
            x.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task without_a_provider_sign_in_says_it_is_not_configured() =>
        await Host.Scenario(x =>
        {
            x.Get.Url("/auth/sign-in?returnUrl=/advisor.html");
            x.StatusCodeShouldBe(404);
            x.ContentShouldContain("Sign-in is not configured");
        });

    [Theory]
    [InlineData("/advisor.html", "/advisor.html")]
    [InlineData("/student.html?id=1", "/student.html?id=1")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/ok\\..\\evil", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/\tevil", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void the_return_address_is_a_path_of_this_site(string? asked, string used) =>
        SignIn.LocalReturnUrl(asked).ShouldBe(used);

    [Fact]
    public async Task in_production_the_demo_routes_do_not_exist()
    {
        await using var production = await StartAsync("Production", ("Auth:SigningKey", AppFixture.Auth.SigningKey));
        await production.Scenario(x =>
        {
            x.Get.Url("/auth/demo/people");
            x.WithRequestHeader("Authorization", $"Bearer {AdminToken}");
            x.StatusCodeShouldBe(404);
        });
    }

    [Theory]
    [InlineData("no way to authenticate", "", "No way to authenticate is configured")]
    [InlineData("a key under 32 bytes", "short-key-0123456789", "shorter than 32 bytes")]
    public async Task the_service_refuses_to_start_without_a_sound_way_to_authenticate(string why, string key, string message)
    {
        var failure = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var host = await StartAsync("Production", ("Auth:SigningKey", key));
        });
        why.ShouldNotBeEmpty();
        failure.ToString().ShouldContain(message);
    }

    [Fact]
    public async Task a_provider_over_plain_http_is_refused_unless_it_is_on_this_machine()
    {
        var failure = await Should.ThrowAsync<Exception>(async () =>
        {
            await using var host = await StartAsync("Production",
                ("Auth:Oidc:Authority", "http://login.college.example"), ("Auth:Oidc:ClientId", "pt"),
                ("Auth:Oidc:RequireHttpsMetadata", "false"));
        });
        failure.ToString().ShouldContain("Auth:Oidc:Authority must be an https address");
    }

    private Task<IAlbaHost> StartAsync(string environment, params (string Key, string Value)[] settings) =>
        SecondHost.StartAsync(Host, settings, environment);

    private static string AdminToken => ProgressTracker.Infrastructure.DevelopmentTokens.Create(AppFixture.Auth, "admin-1", "admin");

}
