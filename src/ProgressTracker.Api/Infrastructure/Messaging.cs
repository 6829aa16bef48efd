using Wolverine;

namespace ProgressTracker.Infrastructure;

public static class Messaging
{
    /// <summary>Wolverine: HTTP endpoints, command handling, the durable inbox/outbox in the Marten database.</summary>
    public static void AddProgressTrackerMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(opts =>
        {
            // Without this, a test runner's assembly is scanned instead of the service's (xunit.v3).
            opts.ApplicationAssembly = typeof(Program).Assembly;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();

            // How soon durable messages owned by a node that died (SIGKILL, lost machine) move to a live node: after
            // its heartbeat (every HealthCheckSeconds) is StaleNodeSeconds old. Wolverine's defaults are 10 s and 60 s.
            var durability = builder.Configuration.GetSection("Wolverine");
            if (durability.GetValue<int?>("HealthCheckSeconds") is { } heartbeat)
                opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(heartbeat);
            if (durability.GetValue<int?>("StaleNodeSeconds") is { } stale)
                opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(stale);
        });
    }
}
