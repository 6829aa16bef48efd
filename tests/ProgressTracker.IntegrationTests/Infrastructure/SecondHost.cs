using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>
/// A second service host over the shared test database, for tests of configuration itself (start-up validation, a
/// provider's tokens, rate limits, telemetry). The shared host runs the projections; this one runs none, and no sweep
/// or housekeeping, unless its settings say so. Later settings win over the defaults here.
/// </summary>
public static class SecondHost
{
    public static Task<IAlbaHost> StartAsync(IAlbaHost shared, IEnumerable<(string Key, string Value)> settings,
        string environment = "Development", Action<IServiceCollection>? services = null) =>
        AlbaHost.For<Program>(x =>
        {
            x.UseEnvironment(environment);
            x.UseSetting("ConnectionStrings:Marten", shared.Services.GetRequiredService<IConfiguration>().GetConnectionString("Marten"));
            x.UseSetting("Marten:Schema", "progress_tracker_tests");
            x.UseSetting("Marten:DaemonMode", "Disabled");
            x.UseSetting("Auth:Issuer", AppFixture.Auth.Issuer);
            x.UseSetting("Auth:Audience", AppFixture.Auth.Audience);
            x.UseSetting("Auth:SigningKey", AppFixture.Auth.SigningKey);
            x.UseSetting("Alerts:SweepMinutes", "0");
            x.UseSetting("Housekeeping:PeriodMinutes", "0");
            x.UseSetting("RateLimit:PermitsPerMinute", "1000000");
            foreach (var (key, value) in settings) x.UseSetting(key, value);
            x.ConfigureServices(s =>
            {
                s.DisableAllExternalWolverineTransports();
                services?.Invoke(s);
            });
        });
}
