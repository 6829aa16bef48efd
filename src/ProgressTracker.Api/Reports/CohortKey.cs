namespace ProgressTracker.Reports;

/// <summary>The id of a cohort roster: college and entry term (programs are a filter on read).</summary>
public static class CohortKey
{
    public static string Of(Guid collegeId, string cohort) => $"{collegeId}:{cohort.ToUpperInvariant()}";
}
