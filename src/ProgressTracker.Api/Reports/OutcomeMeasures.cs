namespace ProgressTracker.Reports;

/// <summary>The measures of domain.md section 5, each a pure function of the members' facts, with its formula.</summary>
public static class OutcomeMeasures
{
    public static Measure GraduationRate150(IReadOnlyCollection<ProgramFacts> members)
    {
        var counted = members.Where(m => !m.Excluded).ToList();
        return Measure.Of("graduation-rate-150", counted.Count(m => m.GraduatedWithin150), counted.Count,
            "members with a degree conferred within 150% of the program's normal duration after enrollment start / (cohort - exclusions)");
    }

    public static Measure Retention(IReadOnlyCollection<ProgramFacts> members)
    {
        var counted = members.Where(m => !m.Excluded).ToList();
        return Measure.Of("retention", counted.Count(m => m.Retained), counted.Count,
            "members who graduated by, or were registered (not voided) in the college's programs for, the same term one year after entry (2024-FA -> 2025-FA) / (cohort - exclusions)");
    }

    public static Measure FirstAttemptPassRate(IReadOnlyCollection<ProgramFacts> members)
    {
        var takers = Graduates(members).Where(m => m.Attempted).ToList();
        return Measure.Of("first-attempt-pass-rate", takers.Count(m => m.FirstAttemptPassed), takers.Count,
            "graduates whose earliest RHIT attempt (by date, early tests included) passed / graduates with at least one RHIT attempt");
    }

    public static Measure UltimatePassRate(IReadOnlyCollection<ProgramFacts> members)
    {
        var takers = Graduates(members).Where(m => m.Attempted).ToList();
        return Measure.Of("ultimate-pass-rate", takers.Count(m => m.Passed), takers.Count,
            "graduates with any passed RHIT attempt / graduates with at least one RHIT attempt");
    }

    public static Measure KnowledgeRate(IReadOnlyCollection<ProgramFacts> members)
    {
        var graduates = Graduates(members).ToList();
        return Measure.Of("knowledge-rate", graduates.Count(m => m.Outcome is not null), graduates.Count,
            "graduates with a known outcome (job placement or reported status) / graduates (NACE target >= 65%)");
    }

    public static Measure CareerOutcomesRate(IReadOnlyCollection<ProgramFacts> members)
    {
        var known = Graduates(members).Where(m => m.Outcome is not null and not KnownOutcome.NotSeeking).ToList();
        return Measure.Of("career-outcomes-rate",
            known.Count(m => m.Outcome is KnownOutcome.Employed or KnownOutcome.ContinuingEducation
                or KnownOutcome.Military or KnownOutcome.VolunteerService),
            known.Count,
            "graduates employed, in continuing education, military or volunteer service / graduates with a known outcome other than not-seeking");
    }

    public static Measure InFieldPlacementRate(IReadOnlyCollection<ProgramFacts> members)
    {
        var available = Graduates(members)
            .Where(m => m.Outcome is not (KnownOutcome.ContinuingEducation or KnownOutcome.Military))
            .ToList();
        return Measure.Of("in-field-placement-rate", available.Count(m => m.InFieldWithinSixMonths), available.Count,
            "graduates with an in-field job started no later than 6 months after the degree / (graduates - those in continuing education or military)");
    }

    public static IReadOnlyList<Measure> All(IReadOnlyCollection<ProgramFacts> members) =>
    [
        GraduationRate150(members),
        Retention(members),
        FirstAttemptPassRate(members),
        UltimatePassRate(members),
        KnowledgeRate(members),
        CareerOutcomesRate(members),
        InFieldPlacementRate(members),
    ];

    /// <summary>Graduates G: members (not excluded) with a degree in the cohort's program.</summary>
    public static IEnumerable<ProgramFacts> Graduates(IEnumerable<ProgramFacts> members) =>
        members.Where(m => !m.Excluded && m.Graduated);
}
