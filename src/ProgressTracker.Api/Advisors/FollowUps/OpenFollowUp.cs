using Marten;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Advisors.FollowUps;

public static partial class OpenFollowUpHandler
{
    /// <summary>
    /// Every alert the sweep raises opens a follow-up, in the transaction that handles the alert (Wolverine runs this
    /// beside the inbox notifier and the nudge, Notifications/NudgeOnAlert.cs). All it reads of the alert is the
    /// student, the code, the day and the advisor, so the way alerts are computed can change without touching
    /// follow-ups. A redelivered alert finds its follow-up and changes nothing.
    /// </summary>
    public static async Task Handle(
        AlertRaised alert, IDocumentSession session, TimeProvider clock, ILogger<FollowUp> logger, CancellationToken ct)
    {
        var code = Json.KebabName(alert.Code);
        var id = FollowUp.IdFor(alert.StudentId, code, alert.RaisedOn);
        if (await session.LoadAsync<FollowUp>(id, ct) is not null) return;

        session.Insert(new FollowUp
        {
            Id = id, StudentId = alert.StudentId, Alert = code, RaisedOn = alert.RaisedOn, RaisedForAdvisorId = alert.AdvisorId,
            OpenedAt = clock.GetUtcNow(), State = FollowUpState.Open,
        });
        LogOpened(logger, id, code, alert.StudentId);
    }

    [LoggerMessage(LogLevel.Information, "Follow-up {FollowUpId} opened for alert {Code} of student {StudentId}")]
    private static partial void LogOpened(ILogger logger, Guid followUpId, string code, Guid studentId);
}
