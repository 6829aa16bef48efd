using System.Diagnostics.Metrics;

namespace ProgressTracker.Infrastructure.Telemetry;

/// <summary>
/// The service's own metrics (Meter <c>ProgressTracker</c>; ops/README.md "Telemetry"), recorded where the work is
/// done. Tags are closed vocabularies (a milestone kind, an alert code), never ids: a tag per student would be a series
/// per student. Recording costs nothing while no exporter listens.
/// </summary>
public static class ServiceMetrics
{
    public const string MeterName = "ProgressTracker";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> MilestonesAppended = Meter.CreateCounter<long>(
        "progress_tracker.milestones.appended", "{milestone}", "Milestones committed to students' streams by the API, by kind.");

    private static readonly Counter<long> AccessLogRows = Meter.CreateCounter<long>(
        "progress_tracker.access_log.rows", "{row}", "Access-log rows committed (a read of one record, or of several at once).");

    private static readonly UpDownCounter<long> ImportsRunning = Meter.CreateUpDownCounter<long>(
        "progress_tracker.imports.running", "{import}", "Roster imports being applied by this process.");

    private static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>(
        "progress_tracker.alerts.raised", "{alert}", "Alerts new at a sweep (not raised at the previous one), by code.");

    private static readonly Counter<long> MailSentCounter = Meter.CreateCounter<long>(
        "progress_tracker.mail.sent", "{message}", "Mail the SMTP server accepted, by kind (digest, nudge).");

    private static readonly Counter<long> MailFailedCounter = Meter.CreateCounter<long>(
        "progress_tracker.mail.failed", "{attempt}", "Mail delivery attempts that failed (each retry counts), by kind.");

    public static void MailSent(string kind) => MailSentCounter.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void MailFailed(string kind) => MailFailedCounter.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void MilestonesWritten<TKind>(TKind kind, int count) where TKind : struct, Enum =>
        MilestonesAppended.Add(count, new KeyValuePair<string, object?>("kind", Json.KebabName(kind)));

    public static void AccessLogRowsWritten(int rows) => AccessLogRows.Add(rows);

    public static void AlertRaised<TCode>(TCode code) where TCode : struct, Enum =>
        AlertsRaised.Add(1, new KeyValuePair<string, object?>("code", Json.KebabName(code)));

    /// <summary>Counts an import as running until the returned handle is disposed.</summary>
    public static IDisposable ImportRunning()
    {
        ImportsRunning.Add(1);
        return new Decrement();
    }

    private sealed class Decrement : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) ImportsRunning.Add(-1);
        }
    }
}
