using ProgressTracker.Infrastructure;
using ProgressTracker.Testing;

namespace ProgressTracker.Bench;

/// <summary>The service's settings for a bench run: its database and schema, a signing key, no alert sweep.</summary>
internal static class ServiceProcess
{
    public static readonly AuthOptions Auth = new()
    {
        Issuer = "progress-tracker-bench",
        Audience = "progress-tracker",
        SigningKey = "bench-only-signing-key-0123456789abcdef-0123456789",
    };

    /// <summary>
    /// Starts the service in <paramref name="environment"/> and waits until it is ready. The daemon runs Solo in either
    /// environment: one node, with no leader election to wait for before the catch-up is timed.
    /// </summary>
    public static Task<ChildService> StartAsync(string apiDirectory, string environment, string connectionString, TimeSpan timeout) =>
        ChildService.StartAsync(apiDirectory, Settings(environment, connectionString), "/health/ready", timeout, keepLines: 40);

    /// <summary>Starts <see cref="FloorService"/> (this assembly, as its own process) with the same settings.</summary>
    public static Task<ChildService> StartFloorAsync(string environment, string connectionString, TimeSpan timeout) =>
        ChildService.StartAsync(AppContext.BaseDirectory, Settings(environment, connectionString), FloorService.Probe, timeout,
            keepLines: 40, assembly: Path.GetFileName(typeof(FloorService).Assembly.Location), FloorService.Command);

    private static Dictionary<string, string> Settings(string environment, string connectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = environment,
        ["Marten__DaemonMode"] = "Solo",
        ["ConnectionStrings__Marten"] = connectionString,
        ["Marten__Schema"] = BenchDatabase.Schema,
        ["Auth__Issuer"] = Auth.Issuer,
        ["Auth__Audience"] = Auth.Audience,
        ["Auth__SigningKey"] = Auth.SigningKey,
        ["Alerts__SweepMinutes"] = "0",
        // 16 clients share one token: the per-caller limit would measure the limiter, not the service.
        ["RateLimit__PermitsPerMinute"] = "100000000",
        ["RateLimit__ImportsPerHour"] = "100000000",
    };
}
