using Marten;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Infrastructure;
using Wolverine;

namespace ProgressTracker.Notifications;

public static class NudgeOnAlertHandler
{
    /// <summary>
    /// A student who asked for e-mail nudges gets one for an alert that is their own next step, queued in the
    /// transaction that handles the alert (beside the follow-up it opens). The mail's id is the alert's, so a
    /// redelivered alert sends it once (<see cref="SendMailHandler"/> skips a mail already sent).
    /// </summary>
    public static async Task<OutgoingMessages> Handle(AlertRaised alert, IDocumentSession session, MailOptions mail, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var code = Json.KebabName(alert.Code);
        if (mail.Enabled && Nudges.IsNextStep(code) && await Nudges.WantedAsync(session, alert.StudentId, ct))
            outgoing.Add(new SendStudentNudge(Nudges.MailId(alert.StudentId, code, alert.RaisedOn), alert.StudentId, code));
        return outgoing;
    }
}
