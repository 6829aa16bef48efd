namespace ProgressTracker.Advisors.FollowUps;

/// <summary>A follow-up as the API answers it (api.md "Follow-up and notifications"): ids, codes and dates, no names.</summary>
public sealed record FollowUpView(
    Guid Id, Guid StudentId, string Alert, DateOnly RaisedOn, FollowUpState State, DateOnly? FirstContactOn,
    IReadOnlyList<ContactView> Contacts, ResolutionView? Resolution)
{
    public static FollowUpView Of(FollowUp f) => new(
        f.Id, f.StudentId, f.Alert, f.RaisedOn, f.State, f.FirstContactOn,
        [.. f.Contacts.OrderBy(c => c.On).ThenBy(c => c.RecordedAt).Select(ContactView.Of)],
        f.Resolution is { } r ? new ResolutionView(r.Outcome, r.Note, r.ResolvedAt) : null);
}

public sealed record ContactView(Guid Id, ContactMethod Method, DateOnly On, string? Note, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ContactView Of(FollowUpContact c) => new(c.Id, c.Method, c.On, c.Note, c.RecordedBy, c.RecordedAt);
}

public sealed record ResolutionView(FollowUpOutcome Outcome, string? Note, DateTimeOffset ResolvedAt);
