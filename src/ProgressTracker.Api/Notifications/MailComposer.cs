using System.Globalization;
using System.Text;
using MimeKit;

namespace ProgressTracker.Notifications;

/// <summary>
/// The words of each mail. Subjects never name a student (a subject line is shown on lock screens and kept by every
/// relay); bodies link to the pages, where the person signs in to see the rest.
/// </summary>
public static class MailComposer
{
    public static MimeMessage Digest(SendAdvisorDigest digest, MailOptions options, string to)
    {
        var body = new StringBuilder()
            .AppendLine("Good morning,")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{Count(digest.NewFollowUps, "new follow-up")} since the last digest:");
        foreach (var (alert, count) in digest.NewByAlert.OrderBy(a => a.Key, StringComparer.Ordinal))
            body.AppendLine(CultureInfo.InvariantCulture, $"  {alert}: {count}");
        body.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{Count(digest.OpenFollowUps, "follow-up")} open on your caseload in all.")
            .AppendLine(CultureInfo.InvariantCulture, $"Open them: {Link(options, "/advisor.html#follow-ups")}")
            .AppendLine()
            .AppendLine("ProgressTracker (daily digest)");
        return Message(digest.MailId, options, to, $"ProgressTracker: {Count(digest.NewFollowUps, "new follow-up")}", body.ToString());
    }

    public static MimeMessage Nudge(SendStudentNudge nudge, MailOptions options, string to, string unsubscribeUrl)
    {
        var body = new StringBuilder()
            .AppendLine("Hello,")
            .AppendLine()
            .AppendLine(Nudges.Sentence(nudge.Alert))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Your pathway: {Link(options, $"/student.html?id={nudge.StudentId}")}")
            .AppendLine()
            .AppendLine("You get these because you turned on e-mail nudges. To stop them:")
            .AppendLine(unsubscribeUrl)
            .ToString();
        var message = Message(nudge.MailId, options, to, "ProgressTracker: your next step", body);
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>");
        return message;
    }

    public static string Link(MailOptions options, string path) => options.PublicBaseUrl.TrimEnd('/') + path;

    /// <summary>The Message-Id is the mail's id: a receiver that sees it twice can tell it is the same mail.</summary>
    public static string MessageId(Guid mailId) => $"{mailId:N}@progress-tracker";

    private static MimeMessage Message(Guid mailId, MailOptions options, string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MessageId(mailId) };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
