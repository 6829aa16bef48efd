using Marten;

namespace ProgressTracker.Colleges;

/// <summary>A community or junior college. Reference data, kept as a plain document.</summary>
public sealed record College(Guid Id, string Name);

/// <summary>
/// An HIT/HIM associate program of a college, as its catalog entry describes it. Accreditation is a list of dated
/// periods because RHIT eligibility depends on accreditation at the time the student attended.
/// </summary>
public sealed record AcademicProgram(
    Guid Id,
    Guid CollegeId,
    string Name,
    Award Award,
    int NormalDurationMonths,
    IReadOnlyList<CourseCategory> RequiredCategories,
    IReadOnlyList<Accreditation> Accreditations)
{
    /// <summary>Whether a CAHIIM accreditation period covers <paramref name="day"/>.</summary>
    public bool IsCahiimAccreditedOn(DateOnly day) =>
        Accreditations.Any(a => a.IsCahiim && a.From <= day && (a.To is null || day <= a.To));

    /// <summary>
    /// The program as it was recorded at <paramref name="instant"/> (a report or timeline <c>asOf</c>): periods
    /// recorded later are left out, and a period ended later is still open. Periods recorded before the service kept
    /// these instants count as always known.
    /// </summary>
    public AcademicProgram AsRecordedAt(DateTimeOffset instant) => this with
    {
        Accreditations = [.. Accreditations
            .Where(a => a.RecordedAt is null || a.RecordedAt <= instant)
            .Select(a => a.EndRecordedAt > instant ? a with { To = null, EndReason = null, EndRecordedAt = null } : a)],
    };
}

/// <summary>
/// An accreditation period; <see cref="To"/> is null while it is current. A period is never edited in place: an open
/// one is ended by recording its last day (<see cref="EndReason"/>, <see cref="EndRecordedAt"/>), so <c>asOf</c>
/// can tell what was known when.
/// </summary>
public sealed record Accreditation(string Body, DateOnly From, DateOnly? To)
{
    public const string Cahiim = "CAHIIM";
    public bool IsCahiim => string.Equals(Body, Cahiim, StringComparison.OrdinalIgnoreCase);

    /// <summary>When the period was recorded (null: before the service kept it).</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>Why an open period was ended, and when that end was recorded.</summary>
    public AccreditationEndReason? EndReason { get; init; }
    public DateTimeOffset? EndRecordedAt { get; init; }
}

/// <summary>Why CAHIIM accreditation ended (api.md: withdrawn by CAHIIM, the program voluntarily inactive, other).</summary>
public enum AccreditationEndReason { Withdrawn, Inactive, Other }

public static class CollegesConfiguration
{
    public static void ConfigureColleges(this StoreOptions opts)
    {
        opts.Schema.For<AcademicProgram>().Index(x => x.CollegeId).UseOptimisticConcurrency(true);
        opts.Schema.For<Advisor>().Index(x => x.Email);
    }
}

public static class Programs
{
    /// <summary>These programs by id, in one round trip (a caseload's programs: the dashboard, the alert sweep).</summary>
    public static async Task<IReadOnlyDictionary<Guid, AcademicProgram>> ByIdAsync(
        IQuerySession session, IEnumerable<Guid> programIds, CancellationToken ct)
    {
        var ids = programIds.Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, AcademicProgram>();
        return (await session.LoadManyAsync<AcademicProgram>(ct, ids)).ToDictionary(p => p.Id);
    }
}
