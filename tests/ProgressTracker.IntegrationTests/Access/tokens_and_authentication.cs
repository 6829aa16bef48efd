using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Access;

public sealed class tokens_and_authentication(AppFixture fixture) : IntegrationContext(fixture)
{
    public static TheoryData<string, string?> BadTokens => new()
    {
        { "no token", null },
        { "not a token", "not-a-jwt" },
        { "bad signature", DevelopmentTokens.Create(With(key: "another-signing-key-that-is-long-enough-0123456789"), "admin-1", "admin") },
        { "expired", DevelopmentTokens.Create(AppFixture.Auth, "admin-1", "admin", lifetime: TimeSpan.FromMinutes(-10)) },
        { "wrong issuer", DevelopmentTokens.Create(With(issuer: "someone-else"), "admin-1", "admin") },
        { "wrong audience", DevelopmentTokens.Create(With(audience: "another-api"), "admin-1", "admin") },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task without_a_valid_token_the_api_answers_401(string why, string? token)
    {
        var result = await Host.Scenario(x =>
        {
            if (token is not null) x.As(token);
            x.Get.Url($"/api/students/{Guid.CreateVersion7()}/timeline");
            x.StatusCodeShouldBe(401);
        });

        why.ShouldNotBeEmpty();
        result.Context.Response.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task operational_routes_need_no_token()
    {
        await Host.Scenario(x => { x.Get.Url("/health/live"); x.StatusCodeShouldBe(200); });
        await Host.Scenario(x => { x.Get.Url("/openapi/v1.json"); x.StatusCodeShouldBe(200); });
    }

    private static AuthOptions With(string? key = null, string? issuer = null, string? audience = null) => new()
    {
        SigningKey = key ?? AppFixture.Auth.SigningKey,
        Issuer = issuer ?? AppFixture.Auth.Issuer,
        Audience = audience ?? AppFixture.Auth.Audience,
    };
}
