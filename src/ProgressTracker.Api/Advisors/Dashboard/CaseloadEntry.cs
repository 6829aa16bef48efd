using System.Text.Json;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>
/// A student's line on their advisor's dashboard, one per student, with <see cref="AdvisorId"/> duplicated and
/// indexed, kept by the "Reports" projection (<see cref="ReportsProjection"/>). The dashboard is one indexed query for these instead of
/// the caseload's ids and then every student's whole record (ops/bench, issue 8). Alerts depend on the day, so the
/// entry keeps what the rules read (not the alerts), and they are evaluated on read.
/// </summary>
public sealed record CaseloadEntry
{
    /// <summary>The student id.</summary>
    public Guid Id { get; init; }

    /// <summary>The student's current advisor: a reassignment moves the entry to the new advisor's dashboard.</summary>
    public Guid AdvisorId { get; init; }

    public string Name { get; init; } = "";
    public Stage Stage { get; init; }
    public DateOnly? LastMilestoneOn { get; init; }

    /// <summary>
    /// What the alert rules read, folded (<see cref="Advisors.Alerts.AlertFacts"/>). Volunteering, outcome reports and
    /// paperwork are left out: those are what grow with history, and the rules do not read them (the stage and the last
    /// milestone date, which do, are kept above). Null when the student has more enrollments than an entry holds
    /// (<see cref="MaxAlertFactsBytes"/>), and in entries written before the facts had this shape (their old
    /// "alertInputs" are ignored): the alerts are then evaluated on the student's record (<see cref="CaseloadAlerts"/>).
    /// </summary>
    public AlertFacts? AlertFacts { get; init; }

    /// <summary>
    /// The most JSON an entry's alert facts may take, as stored: five or six enrollments' worth (the bench's students
    /// take ~300 bytes). The caseload's index holds whole entries so that a dashboard reads them from a few index pages
    /// (ReportsConfiguration), and a btree entry cannot exceed 2.7 KB: with a name of at most 200 characters (600 bytes)
    /// and the other fields, an entry stays under 2 KB.
    /// </summary>
    public const int MaxAlertFactsBytes = 1_200;

    public static CaseloadEntry Of(Student student)
    {
        var facts = AlertFacts.Of(student);
        return new()
        {
            Id = student.Id,
            AdvisorId = student.AdvisorId,
            Name = student.Name,
            Stage = Pathway.StageOf(student),
            LastMilestoneOn = AlertRules.LastMilestoneOn(student),
            AlertFacts = JsonSerializer.SerializeToUtf8Bytes(facts, Json.Storage).Length <= MaxAlertFactsBytes ? facts : null,
        };
    }

    /// <summary>The programs of the student's active enrollments: what the alert rules look up (none known without facts).</summary>
    public IEnumerable<Guid> EnrolledProgramIds() => AlertFacts?.Enrollments.Select(e => e.ProgramId) ?? [];

    /// <summary>
    /// The same alerts as <see cref="AlertRules.For(Student, IReadOnlyDictionary{Guid, AcademicProgram}, DateOnly, AlertOptions, int)"/>
    /// on the full record; an entry without facts answers as for an empty record (<see cref="CaseloadAlerts"/> reads the record then).
    /// </summary>
    public IReadOnlyList<AlertCode> Alerts(
        IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today, AlertOptions options, int retakeWaitDays) =>
        AlertRules.For(AlertFacts ?? new(), LastMilestoneOn, programs, today, options, retakeWaitDays);
}
