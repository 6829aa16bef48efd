using ProgressTracker.Advisors.FollowUps;

namespace ProgressTracker.Reports.FollowUps;

/// <summary>
/// How the college's students' alerts were followed up, per advisor (the student's current one): counts and a median,
/// never a student (api.md "Follow-up and notifications").
/// </summary>
public sealed record FollowUpReport(Guid CollegeId, DateOnly? From, DateOnly? To, IReadOnlyList<AdvisorFollowUps> Advisors);

public sealed record AdvisorFollowUps(
    Guid AdvisorId, string AdvisorName, int AlertsRaised, int ContactedWithinTwoWorkingDays, double? MedianDaysToFirstContact,
    int Resolved, int Open);

public static class FollowUpFigures
{
    public static AdvisorFollowUps For(Guid advisorId, string name, IReadOnlyCollection<FollowUp> followUps)
    {
        var days = followUps.Where(f => f.FirstContactOn is not null)
            .Select(f => f.FirstContactOn!.Value.DayNumber - f.RaisedOn.DayNumber).Order().ToList();
        return new AdvisorFollowUps(advisorId, name, followUps.Count,
            followUps.Count(f => f.FirstContactOn is { } first && first <= AddWorkingDays(f.RaisedOn, 2)),
            Median(days),
            followUps.Count(f => f.State == FollowUpState.Resolved),
            followUps.Count(f => f.State != FollowUpState.Resolved));
    }

    /// <summary>Monday to Friday; holidays are not known to the service.</summary>
    public static DateOnly AddWorkingDays(DateOnly day, int workingDays)
    {
        while (workingDays > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) workingDays--;
        }
        return day;
    }

    /// <summary>The middle value, or the mean of the two middle ones (as the cohort report's medians).</summary>
    public static double? Median(IReadOnlyList<int> sorted) =>
        sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
}
