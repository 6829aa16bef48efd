using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Housekeeping;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>Kept idempotency answers expire after <c>Idempotency:RetentionHours</c> (24 in the tests, the default).</summary>
public sealed class cleaning_up_expired_rows(AppFixture fixture) : IntegrationContext(fixture)
{
    private static IdempotentResponse Answer(string id, DateTimeOffset at) =>
        new(id, "hash", 201, "application/json; charset=utf-8", null, null, "{}", at);

    [Fact]
    public async Task the_cleanup_removes_only_expired_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = Clock.GetUtcNow();
        await using (var session = Store.LightweightSession())
        {
            session.Store(Answer("admin-1:a-month-old", now.AddDays(-30)));
            session.Store(Answer("admin-1:a-day-and-a-minute-old", now.AddHours(-24).AddMinutes(-1)));
            session.Store(Answer("admin-1:an-hour-old", now.AddHours(-1)));
            session.Store(Answer("admin-1:just-now", now));
            await session.SaveChangesAsync(ct);
        }

        await Host.Services.GetRequiredService<HousekeepingRunner>().RunOnceAsync(ct);

        await using var query = Store.QuerySession();
        var left = await query.Query<IdempotentResponse>().Select(a => a.Id).ToListAsync(ct);
        left.Order().ShouldBe(["admin-1:an-hour-old", "admin-1:just-now"]);
    }

    [Fact]
    public async Task an_expired_answer_is_not_replayed_even_before_the_cleanup_runs()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var first = Bodies.For("volunteering", Guid.Empty);
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader(Idempotency.Header, "weekly-hours");
            x.Post.Json(first).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(201);
        });

        Clock.Advance(TimeSpan.FromHours(25));
        var next = Bodies.For("volunteering", Guid.Empty);
        next["hours"] = 4;
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader(Idempotency.Header, "weekly-hours");
            x.Post.Json(next).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(201);   // a new write: the key's first answer has expired
        });
        (await Host.EventCount(student)).ShouldBe(3);
    }
}
