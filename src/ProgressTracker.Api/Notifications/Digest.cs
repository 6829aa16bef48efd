using Marten;
using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Infrastructure;
using Wolverine;

namespace ProgressTracker.Notifications;

/// <summary>Send each advisor the digest of <see cref="Day"/>; by <see cref="DigestService"/> (or a test).</summary>
public sealed record SendDigests(DateOnly Day);

/// <summary>That a day's digest went out: a second node's timer, or a restart, finds it and sends nothing again.</summary>
public sealed record DigestRun(string Id, DateTimeOffset At, int Advisors);

public static class SendDigestsHandler
{
    /// <summary>
    /// The follow-ups no digest has counted yet, grouped by the student's advisor now: one mail per advisor, queued in
    /// the transaction that marks them counted and records the run (Wolverine's outbox), so a crash before the commit
    /// queues nothing and after it everything. Each mail's id is (advisor, day): see <see cref="SendMailHandler"/>.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(SendDigests command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var runId = command.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (await session.LoadAsync<DigestRun>(runId, ct) is not null) return outgoing;

        var fresh = await session.Query<FollowUp>().Where(f => f.DigestedOn == null).ToListAsync(ct);
        var advisorOf = await Caseloads.AdvisorsOfAsync(session, fresh.Select(f => f.StudentId), ct);
        var byAdvisor = fresh.Where(f => advisorOf.ContainsKey(f.StudentId)).GroupBy(f => advisorOf[f.StudentId]).OrderBy(g => g.Key).ToList();
        foreach (var group in byAdvisor)
        {
            var caseload = await Caseloads.StudentsOfAsync(session, group.Key, ct);
            var open = await session.Query<FollowUp>().CountAsync(f => f.StudentId.IsOneOf(caseload) && f.State != FollowUpState.Resolved, ct);
            var byAlert = group.GroupBy(f => f.Alert).ToDictionary(g => g.Key, g => g.Count());
            outgoing.Add(new SendAdvisorDigest(DeterministicIds.For($"digest:{group.Key}:{runId}"), group.Key, command.Day, group.Count(), byAlert, open));
        }
        foreach (var followUp in fresh) session.Update(followUp with { DigestedOn = command.Day });
        session.Insert(new DigestRun(runId, clock.GetUtcNow(), byAdvisor.Count));
        return outgoing;
    }
}

/// <summary>
/// Sends <see cref="SendDigests"/> once a day, at the first check after <c>Alerts:DigestHourUtc</c> (UTC). Off while no
/// mail is sent, or when <see cref="MailOptions.DigestCheckSeconds"/> is 0.
/// </summary>
public sealed partial class DigestService(
    IServiceScopeFactory scopes, MailOptions mail, DigestOptions digest, TimeProvider clock, ILogger<DigestService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mail.Enabled || mail.DigestCheckSeconds <= 0 || digest.HourUtc is < 0 or > 23) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(mail.DigestCheckSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (now.Hour < digest.HourUtc) continue;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new SendDigests(DateOnly.FromDateTime(now)), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Tried again at the next check: the run is recorded only when it commits.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The advisors' digest failed; it is tried again at the next check.")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
