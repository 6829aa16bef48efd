using Marten;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>
/// What the alert rules need beside a set of caseload entries: the programs the students enrolled in and, for an
/// entry without its alert facts (<see cref="CaseloadEntry.AlertFacts"/>), the student's record.
/// Shared by the dashboard and the alert sweep, so both give every student the alerts of their full record.
/// </summary>
public sealed class CaseloadAlerts
{
    private readonly IReadOnlyDictionary<Guid, AcademicProgram> _programs;
    private readonly IReadOnlyDictionary<Guid, Student> _records;

    private CaseloadAlerts(IReadOnlyDictionary<Guid, AcademicProgram> programs, IReadOnlyDictionary<Guid, Student> records)
    {
        _programs = programs;
        _records = records;
    }

    public static async Task<CaseloadAlerts> LoadAsync(IQuerySession session, IReadOnlyCollection<CaseloadEntry> entries, CancellationToken ct)
    {
        Guid[] withoutFacts = [.. entries.Where(e => e.AlertFacts is null).Select(e => e.Id)];
        var records = withoutFacts.Length == 0
            ? new Dictionary<Guid, Student>()
            : (await session.LoadManyAsync<Student>(ct, withoutFacts)).ToDictionary(s => s.Id);
        var programIds = entries.SelectMany(e => e.EnrolledProgramIds())
            .Concat(records.Values.SelectMany(s => s.Active<EnrolledInProgram>().Select(e => e.ProgramId)));
        return new(await Programs.ByIdAsync(session, programIds, ct), records);
    }

    public IReadOnlyList<AlertCode> For(CaseloadEntry entry, DateOnly today, AlertOptions options, int retakeWaitDays) =>
        entry.AlertFacts is null && _records.TryGetValue(entry.Id, out var record)
            ? AlertRules.For(record, _programs, today, options, retakeWaitDays)
            : entry.Alerts(_programs, today, options, retakeWaitDays);
}
