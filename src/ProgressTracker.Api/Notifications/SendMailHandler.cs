using Marten;
using ProgressTracker.Infrastructure.Telemetry;
using Wolverine;

namespace ProgressTracker.Notifications;

/// <summary>
/// Sends the queued mail (the durable "mail" queue, one at a time). A message that already has its <see cref="SentMail"/>
/// sends nothing; otherwise the record commits with the message's completion, after the SMTP server took the mail. A
/// crash between the server's acceptance and that commit (milliseconds) would send it again with the same Message-Id.
/// </summary>
public static partial class SendMailHandler
{
    public static async Task Handle(
        SendAdvisorDigest digest, IDocumentSession session, MailOptions options, IMailTransport transport, TimeProvider clock,
        Envelope envelope, ILogger<SentMail> logger, CancellationToken ct)
    {
        if (await session.LoadAsync<SentMail>(digest.MailId, ct) is not null) return;
        var outcome = MailOutcome.NoRecipient;
        if (await MailRecipients.AdvisorAsync(session, digest.AdvisorId, ct) is { } to)
        {
            await DeliverAsync(transport, MailComposer.Digest(digest, options, to), digest.MailId, "digest", envelope, logger, ct);
            outcome = MailOutcome.Sent;
        }
        Done(session, logger, digest.MailId, "digest", outcome, clock);
    }

    public static async Task Handle(
        SendStudentNudge nudge, IDocumentSession session, MailOptions options, IMailTransport transport, UnsubscribeTokens tokens,
        TimeProvider clock, Envelope envelope, ILogger<SentMail> logger, CancellationToken ct)
    {
        if (await session.LoadAsync<SentMail>(nudge.MailId, ct) is not null) return;
        var outcome = MailOutcome.NotWanted;
        // Asked again at sending: a student who unsubscribed meanwhile gets nothing.
        if (await Nudges.WantedAsync(session, nudge.StudentId, ct))
        {
            outcome = MailOutcome.NoRecipient;
            if (await MailRecipients.StudentAsync(session, nudge.StudentId, ct) is { } to)
            {
                var token = tokens.Create(nudge.StudentId, clock.GetUtcNow().AddDays(options.UnsubscribeLinkDays));
                var unsubscribe = MailComposer.Link(options, $"/notifications/unsubscribe?token={token}");
                await DeliverAsync(transport, MailComposer.Nudge(nudge, options, to, unsubscribe), nudge.MailId, "nudge", envelope, logger, ct);
                outcome = MailOutcome.Sent;
            }
        }
        Done(session, logger, nudge.MailId, "nudge", outcome, clock);
    }

    private static void Done(IDocumentSession session, ILogger logger, Guid mailId, string kind, MailOutcome outcome, TimeProvider clock)
    {
        session.Insert(new SentMail(mailId, kind, outcome, clock.GetUtcNow()));
        LogDone(logger, mailId, kind, outcome);
    }

    /// <summary>
    /// A failure is counted and rethrown for the retry policy (<see cref="MailRetryPolicy"/>) as the exception's type and
    /// SMTP status only: a server's message can quote the recipient's address, which must not reach a log.
    /// </summary>
    private static async Task DeliverAsync(
        IMailTransport transport, MimeKit.MimeMessage message, Guid mailId, string kind, Envelope envelope, ILogger logger, CancellationToken ct)
    {
        try
        {
            await transport.SendAsync(message, ct);
            ServiceMetrics.MailSent(kind);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ServiceMetrics.MailFailed(kind);
            var reason = e is MailKit.Net.Smtp.SmtpCommandException smtp ? $"{e.GetType().Name} {(int)smtp.StatusCode}" : e.GetType().Name;
            LogFailed(logger, mailId, kind, envelope.Attempts, reason);
            throw new MailDeliveryException($"Mail {mailId} ({kind}) was not delivered: {reason}.");
        }
    }

    [LoggerMessage(LogLevel.Information, "Mail {MailId} ({Kind}): {Outcome}")]
    private static partial void LogDone(ILogger logger, Guid mailId, string kind, MailOutcome outcome);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} ({Kind}) attempt {Attempt} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid mailId, string kind, int attempt, string reason);
}

/// <summary>An SMTP delivery that failed, said without the server's words (they may quote an address).</summary>
public sealed class MailDeliveryException(string message) : Exception(message);
