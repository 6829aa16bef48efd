using Marten;

namespace ProgressTracker.Advisors;

public static class AdvisorsConfiguration
{
    public static void ConfigureAdvisors(this StoreOptions opts) =>
        // The alert inbox is not a projection: the notifier writes it, so a rebuild leaves it alone.
        opts.Schema.For<Alerts.AdvisorAlert>().Index(x => x.AdvisorId);
}
