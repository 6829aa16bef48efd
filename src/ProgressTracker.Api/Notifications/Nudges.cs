using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Notifications;

/// <summary>
/// A student's own next step, from the alerts that are one: opt-in e-mail nudges (off until the student turns them on).
/// Keyed by the alert's wire code, so a code the alert rules do not raise yet (<c>degree-pending</c>) needs no change.
/// </summary>
public static class Nudges
{
    private static readonly Dictionary<string, string> NextSteps = new()
    {
        ["exam-ready"] = "You can sit the RHIT exam: you meet AHIMA's academic requirements. Your advisor can help you plan it.",
        ["retake-window-open"] = "Your RHIT retake window is open: the wait after your last attempt has passed, so you can book the exam again.",
        ["degree-pending"] = "Your degree is pending: your coursework has been complete for a while. Ask your college what is missing for the degree.",
    };

    public static bool IsNextStep(string alert) => NextSteps.ContainsKey(alert);

    public static string Sentence(string alert) => NextSteps.GetValueOrDefault(alert, "There is a next step on your pathway.");

    public static Guid MailId(Guid studentId, string alert, DateOnly raisedOn) =>
        DeterministicIds.For($"nudge:{studentId}:{alert}:{raisedOn:yyyy-MM-dd}");

    public static async Task<bool> WantedAsync(IQuerySession session, Guid studentId, CancellationToken ct) =>
        (await session.LoadAsync<NotificationPreference>(studentId, ct))?.Email == true;
}

/// <summary>A student's choice of e-mail nudges; no document means none (opt-in).</summary>
public sealed record NotificationPreference(Guid Id, bool Email, DateTimeOffset ChangedAt, string ChangedBy);
