using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Telemetry;
using ProgressTracker.Students;
using Wolverine;

namespace ProgressTracker.Advisors.Alerts;

/// <summary>Re-evaluate every caseload's alerts today; sent by <see cref="AlertSweepService"/> (or a test).</summary>
public sealed record SweepAlerts;

/// <summary>An alert that was not raised at the previous sweep; the notifier puts it in the advisor's inbox.</summary>
public sealed record AlertRaised(Guid AdvisorId, Guid StudentId, AlertCode Code, DateOnly RaisedOn);

/// <summary>The alerts raised at the last sweep, per advisor: what makes the next sweep's alerts "new".</summary>
public sealed class RaisedAlerts
{
    public Guid Id { get; set; }
    public List<string> Active { get; set; } = [];

    public static string Key(Guid studentId, AlertCode code) => $"{studentId}:{Json.KebabName(code)}";
}

public static class SweepAlertsHandler
{
    private const int CaseloadsPerRead = 40;

    /// <summary>
    /// The new alerts are returned as cascading messages: Wolverine sends them through the transactional outbox, so
    /// they go out if and only if the new <see cref="RaisedAlerts"/> commit. An alert that clears and comes back
    /// later is raised again.
    /// </summary>
    public static async Task<OutgoingMessages> Handle(
        SweepAlerts _, IDocumentSession session, TimeProvider clock, AlertOptions options, PathwayOptions pathway,
        CancellationToken ct)
    {
        var today = clock.Today();
        var outgoing = new OutgoingMessages();
        // Every advisor with students, and every advisor with alerts from the last sweep: one whose students have all
        // moved on has those alerts reset.
        var advisors = (await session.Query<Student>().Select(s => s.AdvisorId).Distinct().ToListAsync(ct))
            .Union(await session.Query<RaisedAlerts>().Where(r => r.Active.Any()).Select(r => r.Id).ToListAsync(ct))
            .Order()
            .ToList();

        // A few caseloads at a time: a state system's 200k students' entries at once would be hundreds of MB.
        foreach (var chunk in advisors.Chunk(CaseloadsPerRead))
        {
            // The students' standings are what the rules read (Students/Standing.cs).
            var students = await session.Query<Student>().Where(s => s.AdvisorId.IsOneOf(chunk)).ToListAsync(ct);
            var caseloads = students.ToLookup(s => s.AdvisorId, s => s.Standing);
            var programs = await Programs.ByIdAsync(session, caseloads.SelectMany(c => c).SelectMany(s => s.Enrollments.Select(e => e.ProgramId)), ct);
            var previous = (await session.LoadManyAsync<RaisedAlerts>(ct, chunk)).ToDictionary(r => r.Id);
            foreach (var advisorId in chunk)
            {
                var raised = caseloads[advisorId]
                    .OrderBy(s => s.StudentId)
                    .SelectMany(s => AlertRules.For(s, programs, today, options, pathway.RhitRetakeWaitDays).Select(code => (s.StudentId, code)))
                    .ToList();
                var before = previous.GetValueOrDefault(advisorId)?.Active.ToHashSet() ?? [];
                foreach (var (studentId, code) in raised.Where(r => !before.Contains(RaisedAlerts.Key(r.StudentId, r.code))))
                {
                    outgoing.Add(new AlertRaised(advisorId, studentId, code, today));
                    ServiceMetrics.AlertRaised(code);
                }
                session.Store(new RaisedAlerts { Id = advisorId, Active = [.. raised.Select(r => RaisedAlerts.Key(r.StudentId, r.code))] });
            }
        }
        return outgoing;
    }
}

/// <summary>Sends <see cref="SweepAlerts"/> every <see cref="AlertOptions.SweepMinutes"/> (wall-clock time).</summary>
public sealed partial class AlertSweepService(IServiceScopeFactory scopes, AlertOptions options, ILogger<AlertSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SweepMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.SweepMinutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new SweepAlerts(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed sweep must not stop the next ones.
                LogSweepFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The alert sweep failed; it runs again at the next tick.")]
    private static partial void LogSweepFailed(ILogger logger, Exception e);
}
