using Marten;
using ProgressTracker.Students;

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
}

/// <summary>An accreditation period; <see cref="To"/> is null while it is current.</summary>
public sealed record Accreditation(string Body, DateOnly From, DateOnly? To)
{
    public const string Cahiim = "CAHIIM";
    public bool IsCahiim => string.Equals(Body, Cahiim, StringComparison.OrdinalIgnoreCase);
}

public static class CollegesConfiguration
{
    public static void ConfigureColleges(this StoreOptions opts) =>
        opts.Schema.For<AcademicProgram>().Index(x => x.CollegeId).UseOptimisticConcurrency(true);
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
