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
        });
    }
}
