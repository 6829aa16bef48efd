using ProgressTracker.Colleges;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>GET /api/advisors/{advisorId}/dashboard: the caseload with stage, last milestone and alerts, and counts.</summary>
public sealed record AdvisorDashboard(
    Guid AdvisorId,
    DateOnly Today,
    int CaseloadSize,
    IReadOnlyList<DashboardRow> Caseload,
    IReadOnlyDictionary<string, int> ByStage,
    IReadOnlyDictionary<string, int> ByAlert);

public sealed record DashboardRow(Guid StudentId, string Name, Stage Stage, DateOnly? LastMilestoneOn, IReadOnlyList<AlertCode> Alerts);

public static class DashboardFigures
{
    /// <summary>Alerts depend on the day, so they are evaluated on read (and by the sweep), not stored.</summary>
    public static AdvisorDashboard Build(
        Guid advisorId, IEnumerable<Standing> caseload, IReadOnlyDictionary<Guid, AcademicProgram> programs,
        DateOnly today, AlertOptions options, int retakeWaitDays)
    {
        var rows = caseload
            .Select(s => new DashboardRow(s.StudentId, s.Name, s.Stage, s.LastMilestoneOn,
                AlertRules.For(s, programs, today, options, retakeWaitDays)))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.StudentId)
            .ToList();
        return new AdvisorDashboard(advisorId, today, rows.Count, rows,
            Enum.GetValues<Stage>().ToDictionary(Json.KebabName, s => rows.Count(r => r.Stage == s)),
            Enum.GetValues<AlertCode>().ToDictionary(Json.KebabName, a => rows.Count(r => r.Alerts.Contains(a))));
    }
}
