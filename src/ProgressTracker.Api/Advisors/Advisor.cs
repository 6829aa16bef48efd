using Marten;

namespace ProgressTracker.Advisors;

/// <summary>An advisor: reference data, kept as a plain document.</summary>
public sealed record Advisor(Guid Id, string Name, string Email);

public static class AdvisorsConfiguration
{
    public static void ConfigureAdvisors(this StoreOptions opts)
    {
        opts.Schema.For<Advisor>().Index(x => x.Email);
        // The alert inbox is not a projection: the notifier writes it, so a rebuild leaves it alone.
        opts.Schema.For<Alerts.AdvisorAlert>().Index(x => x.AdvisorId);
    }
}
