using System.Globalization;

namespace ProgressTracker.Notifications;

/// <summary>Mail settings (configuration section "Email"; api.md "Follow-up and notifications").</summary>
public sealed class MailOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The sender, e.g. <c>ProgressTracker &lt;no-reply@college.edu&gt;</c>.</summary>
    public string From { get; set; } = "ProgressTracker <no-reply@progress-tracker.invalid>";

    /// <summary>Where people open the pages the mail links to.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Seconds between delivery attempts after a failure, comma-separated; after the last one the mail is a dead letter.</summary>
    public string RetrySeconds { get; set; } = "30,120,600,1800,7200";

    /// <summary>How long a nudge's unsubscribe link works.</summary>
    public int UnsubscribeLinkDays { get; set; } = 60;

    /// <summary>Signs unsubscribe links (at least 32 bytes); empty: derived from <c>Auth:SigningKey</c>.</summary>
    public string LinkSigningKey { get; set; } = "";

    /// <summary>How often the digest timer looks whether today's digest is due; 0 turns it off (tests send it themselves).</summary>
    public int DigestCheckSeconds { get; set; } = 60;

    /// <summary>No mail is sent, or queued, while no SMTP host is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    public TimeSpan[] RetryDelays() =>
        [.. RetrySeconds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => TimeSpan.FromSeconds(int.Parse(s, CultureInfo.InvariantCulture)))];
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;

    /// <summary>TLS on connect for port 465, else STARTTLS, required either way; false: plain SMTP (a relay on this host or network).</summary>
    public bool UseTls { get; set; }

    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>The advisors' daily digest: after this hour (UTC) each day (<c>Alerts:DigestHourUtc</c>).</summary>
public sealed record DigestOptions(int HourUtc);
