namespace ProgressTracker.Students;

/// <summary>
/// What a pure decision function answers: the milestones to append, or the pathway rule the command breaks.
/// The implicit conversions let a decision function simply <c>return</c> either.
/// </summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<Milestone> milestones, Rejection? rejection)
    {
        Milestones = milestones;
        Rejection = rejection;
    }

    public IReadOnlyList<Milestone> Milestones { get; }
    public Rejection? Rejection { get; }

    public static implicit operator Decision(Milestone milestone) => new([milestone], null);
    public static implicit operator Decision(Rejection rejection) => new([], rejection);
}

/// <summary>A broken pathway rule: a stable code for clients (api.md 409) and a sentence for people.</summary>
public sealed record Rejection(string Rule, string Reason)
{
    /// <summary>Set when the command names something that does not exist (a 404, not a 409).</summary>
    public string? UnknownThing { get; init; }

    public static Rejection Unknown(string thing, Guid id) =>
        new("not-found", $"No {thing} has the id {id}.") { UnknownThing = thing };
}
