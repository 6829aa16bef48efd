namespace ProgressTracker.Infrastructure;

/// <summary>A broken rule: a stable code for clients (api.md 409) and a sentence for people.</summary>
public sealed record Rejection(string Rule, string Reason)
{
    /// <summary>Set when the command names something that does not exist (a 404, not a 409).</summary>
    public string? UnknownThing { get; init; }

    public static Rejection Unknown(string thing, Guid id) =>
        new("not-found", $"No {thing} has the id {id}.") { UnknownThing = thing };
}
