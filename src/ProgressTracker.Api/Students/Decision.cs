using ProgressTracker.Infrastructure;

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
