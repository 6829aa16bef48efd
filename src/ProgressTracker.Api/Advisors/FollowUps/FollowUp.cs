using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Advisors.FollowUps;

public enum FollowUpState { Open, Contacted, Resolved }

public enum ContactMethod { Email, Phone, Meeting, Text }

public enum FollowUpOutcome { Done, Referred, NotNeeded }

/// <summary>One reaching-out to the student: how, on which day, and the advisor's note (their working papers).</summary>
public sealed record FollowUpContact(Guid Id, ContactMethod Method, DateOnly On, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record FollowUpResolution(FollowUpOutcome Outcome, string? Note, string ResolvedBy, DateTimeOffset ResolvedAt);

/// <summary>
/// An alert raised for a student on a caseload, to be closed by the advisor: contacts, then a resolution. It belongs to
/// the student, not to an advisor: whoever advises the student now sees and works it (it moves on an advisor change).
/// A plain document: it has no rules that need its history, and the contacts are its whole story.
/// </summary>
public sealed record FollowUp
{
    public Guid Id { get; init; }
    public Guid StudentId { get; init; }

    /// <summary>The alert's wire code (<c>exam-ready</c>, ...), kept as text so new alert codes need no change here.</summary>
    public string Alert { get; init; } = "";

    public DateOnly RaisedOn { get; init; }

    /// <summary>The advisor whose sweep raised it; the follow-up itself goes with the student's current advisor.</summary>
    public Guid RaisedForAdvisorId { get; init; }

    public DateTimeOffset OpenedAt { get; init; }
    public FollowUpState State { get; init; }
    public List<FollowUpContact> Contacts { get; init; } = [];
    public FollowUpResolution? Resolution { get; init; }

    /// <summary>The day of the advisors' digest that counted it as new; null until then.</summary>
    public DateOnly? DigestedOn { get; init; }

    /// <summary>The follow-up with every free-text note blanked (a student's erasure): the counts stay, the words go.</summary>
    public FollowUp WithoutNotes() => this with
    {
        Contacts = [.. Contacts.Select(c => c with { Note = null })],
        Resolution = Resolution is null ? null : Resolution with { Note = null },
    };

    /// <summary>One follow-up per raised alert: a redelivered <c>AlertRaised</c> finds the one it opened.</summary>
    public static Guid IdFor(Guid studentId, string alert, DateOnly raisedOn) =>
        DeterministicIds.For($"follow-up:{studentId}:{alert}:{raisedOn:yyyy-MM-dd}");

    public DateOnly? FirstContactOn => Contacts.Count == 0 ? null : Contacts.Min(c => c.On);
}

public static class FollowUpsStorage
{
    public static void ConfigureFollowUps(this StoreOptions opts)
    {
        opts.Schema.For<FollowUp>()
            .Index(x => x.StudentId)
            .Index(x => x.DigestedOn!)
            // Two contacts recorded at once on one follow-up: one commits, the other answers 409 and is sent again.
            .UseOptimisticConcurrency(true);
    }
}
