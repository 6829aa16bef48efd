using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Advisors;

public sealed class registering_advisors(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task an_advisor_is_created_with_a_server_generated_id()
    {
        var id = await Host.RegisterAdvisor();

        id.ShouldNotBe(Guid.Empty);
        id.Version.ShouldBe(7);
        await using var session = Store.QuerySession();
        (await session.LoadAsync<ProgressTracker.Colleges.Advisor>(id, TestContext.Current.CancellationToken)).ShouldNotBeNull();
    }

    [Fact]
    public async Task missing_and_invalid_fields_are_named_in_a_400()
    {
        var problem = await Host.Reject("/api/advisors", new { name = "", email = "not-an-email" }, 400);

        problem["errors"]!["name"].ShouldNotBeNull();
        problem["errors"]!["email"].ShouldNotBeNull();
    }
}
