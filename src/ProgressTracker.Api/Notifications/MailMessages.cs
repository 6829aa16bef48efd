namespace ProgressTracker.Notifications;

/// <summary>
/// A mail to send, as a durable Wolverine message. It holds ids and counts only: the address and the words are looked
/// up when it is sent, so the queue holds nothing identifying and a person revoked or erased meanwhile gets nothing.
/// <see cref="MailId"/> is deterministic: it is the Message-Id and the key of the <see cref="SentMail"/> record.
/// </summary>
public interface IMailMessage
{
    Guid MailId { get; }
}

/// <summary>An advisor's daily digest: how many follow-ups are new since the last one, by alert, and how many are open.</summary>
public sealed record SendAdvisorDigest(Guid MailId, Guid AdvisorId, DateOnly Day, int NewFollowUps, Dictionary<string, int> NewByAlert, int OpenFollowUps)
    : IMailMessage;

/// <summary>A nudge to a student who asked for them: their own next step (the alert's code).</summary>
public sealed record SendStudentNudge(Guid MailId, Guid StudentId, string Alert) : IMailMessage;

public enum MailOutcome { Sent, NoRecipient, NotWanted }

/// <summary>
/// That a mail was dealt with: written in the transaction that completes its message, and read first, so a message
/// delivered again after a restart or a crash sends nothing twice.
/// </summary>
public sealed record SentMail(Guid Id, string Kind, MailOutcome Outcome, DateTimeOffset At);
