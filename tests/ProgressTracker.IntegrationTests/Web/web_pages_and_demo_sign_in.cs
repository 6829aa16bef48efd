using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.Demo;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Web;

namespace ProgressTracker.IntegrationTests.Web;

public sealed class web_pages_and_demo_sign_in(AppFixture fixture) : IntegrationContext(fixture)
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
    public async Task demo_sign_in_lists_the_demo_people_and_issues_a_token_the_api_accepts()
    {
        await new DemoSeeder(Store).SeedAsync(TestContext.Current.CancellationToken);

        var identities = (await Host.GetAsJson<List<DemoIdentity>>("/auth/demo/identities"))!;
        identities.Select(i => i.Role).Distinct().ShouldBe(["admin", "advisor", "college", "student"], ignoreOrder: true);
        identities.Where(i => i.Role == "advisor").Select(i => i.Name).ShouldBe(["Avery Chen", "Jordan Okafor"]);
        var student = identities.First(i => i.Role == "student");

        var signIn = await Host.Scenario(x => x.Post.Json(new DemoSignInRequest("student", student.Id)).ToUrl("/auth/demo/sign-in"));
        var session = (await signIn.ReadAsJsonAsync<DemoSession>())!;
        session.Subject.ShouldBe($"student-{student.Id}");

        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{student.Id}/timeline");
            x.WithRequestHeader("Authorization", $"Bearer {session.Token}");
            x.StatusCodeShouldBeOk();
        });
    }

    [Fact]
    public async Task demo_sign_in_refuses_an_identity_that_is_not_there() =>
        await Host.Scenario(x =>
        {
            x.Post.Json(new DemoSignInRequest("advisor", Guid.CreateVersion7())).ToUrl("/auth/demo/sign-in");
            x.StatusCodeShouldBe(400);
        });

    [Fact]
    public async Task demo_sign_in_is_not_there_when_the_setting_is_off()
    {
        var configuration = (IConfigurationRoot)Host.Services.GetRequiredService<IConfiguration>();
        configuration["DemoSignIn:Enabled"] = "false";
        try
        {
            await Host.Scenario(x => { x.Get.Url("/auth/demo/identities"); x.StatusCodeShouldBe(404); });
            await Host.Scenario(x =>
            {
                x.Post.Json(new DemoSignInRequest("admin", null)).ToUrl("/auth/demo/sign-in");
                x.StatusCodeShouldBe(404);
            });
        }
        finally
        {
            configuration["DemoSignIn:Enabled"] = "true";
        }
    }

    [Fact]
    public void demo_sign_in_is_off_unless_a_deployment_turns_it_on()
    {
        var defaults = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Host.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath, "appsettings.json"), optional: false)
            .Build();
        defaults.GetValue<bool>("DemoSignIn:Enabled").ShouldBeFalse();
    }
}
