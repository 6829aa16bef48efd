using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.Infrastructure.Housekeeping;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students.Privacy;

namespace ProgressTracker.IntegrationTests.Privacy;

public sealed class retention_sweep(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task erases_only_when_turned_on_and_only_students_quiet_for_the_retention_period()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = Host.Services.GetRequiredService<PrivacyOptions>();
        var runner = Host.Services.GetRequiredService<HousekeepingRunner>();
        var advisor = await Host.RegisterAdvisor();
        var quiet = await Host.RegisterStudent(advisor, "Quiet Longago");
        options.RetentionYears.ShouldBe(0);

        try
        {
            // Off by default: years later, nothing is erased.
            Clock.Advance(TimeSpan.FromDays(3 * 366));
            await runner.RunOnceAsync(ct);
            await Host.Timeline(quiet);

            // On, with a period longer than the student has been quiet: kept.
            options.RetentionYears = 4;
            await runner.RunOnceAsync(ct);
            await Host.Timeline(quiet);

            // Quiet for longer than the period: erased.
            options.RetentionYears = 2;
            await runner.RunOnceAsync(ct);
            await Host.Text($"/api/students/{quiet}/timeline", Identities.Admin, 410);
        }
        finally
        {
            options.RetentionYears = 0;
        }
    }
}
