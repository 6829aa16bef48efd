using ProgressTracker.Accounts;
using ProgressTracker.IntegrationTests.Infrastructure;
using static ProgressTracker.IntegrationTests.Accounts.AccountScenarios;

namespace ProgressTracker.IntegrationTests.Accounts;

public sealed class revoking_accounts(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_revoked_account_is_listed_as_revoked_and_revoking_again_changes_nothing()
    {
        var id = await Host.Invite(new { email = Email(), role = "admin" });

        (await Host.Revoke(id)).ShouldBe(204);
        await using var session = Store.QuerySession();
        var revokedAt = (await session.LoadAsync<Account>(id, TestContext.Current.CancellationToken))!.RevokedAt;
        revokedAt.ShouldNotBeNull();
        (await Host.Accounts()).WithId(id)!["state"]!.GetValue<string>().ShouldBe("revoked");

        Clock.Advance(TimeSpan.FromHours(1));
        (await Host.Revoke(id)).ShouldBe(204);
        await using var again = Store.QuerySession();
        (await again.LoadAsync<Account>(id, TestContext.Current.CancellationToken))!.RevokedAt.ShouldBe(revokedAt);
    }

    [Fact]
    public async Task an_unknown_account_is_a_404()
    {
        (await Host.Revoke(Guid.CreateVersion7())).ShouldBe(404);
    }
}
