namespace ProgressTracker.Reports;

/// <summary>A cohort's key: college and entry term (programs are a filter on read); the cohort rows are indexed by it.</summary>
public static class CohortKey
{
    public static string Of(Guid collegeId, string cohort) => $"{collegeId}:{cohort.ToUpperInvariant()}";
}
