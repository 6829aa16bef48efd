using Microsoft.Extensions.Time.Testing;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>
/// The service's clock in tests: a <see cref="FakeTimeProvider"/> that a test moves forward explicitly. A fake
/// cannot go back in time, so each test starts with a fresh one at the real "now" (<see cref="Reset"/>); this
/// wrapper is the singleton the host resolves once, whatever fake is current.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public FakeTimeProvider Fake { get; private set; } = new(DateTimeOffset.UtcNow);

    public void Reset() => Fake = new FakeTimeProvider(DateTimeOffset.UtcNow);

    public void Advance(TimeSpan by) => Fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
