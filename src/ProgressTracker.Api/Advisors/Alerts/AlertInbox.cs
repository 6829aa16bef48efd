using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.AccessLog;
using Wolverine.Http;

namespace ProgressTracker.Advisors.Alerts;

/// <summary>One alert in an advisor's inbox. The id makes a redelivered message overwrite, not duplicate.</summary>
public sealed record AdvisorAlert(string Id, Guid AdvisorId, Guid StudentId, AlertCode Code, DateOnly RaisedOn, DateTimeOffset NotifiedAt);

public static partial class AlertNotifierHandler
{
    /// <summary>
    /// The notifier: records the alert in the advisor's inbox and logs it (ids only: no personal data in logs).
    /// This is the seam for e-mail later.
    /// </summary>
    public static void Handle(AlertRaised alert, IDocumentSession session, TimeProvider clock, ILogger<AdvisorAlert> logger)
    {
        var code = Json.KebabName(alert.Code);
        session.Store(new AdvisorAlert($"{alert.AdvisorId}:{alert.StudentId}:{code}:{alert.RaisedOn:yyyy-MM-dd}",
            alert.AdvisorId, alert.StudentId, alert.Code, alert.RaisedOn, clock.GetUtcNow()));
        LogRaised(logger, code, alert.StudentId, alert.AdvisorId);
    }

    [LoggerMessage(LogLevel.Information, "Alert {Code} raised for student {StudentId} of advisor {AdvisorId}")]
    private static partial void LogRaised(ILogger logger, string code, Guid studentId, Guid advisorId);
}

public static class GetAlertInboxEndpoint
{
    /// <summary>
    /// The advisor's alerts about students on the caseload now (a former advisor no longer sees a student's alerts),
    /// newest first. They say who is struggling: a read of each named student's record, logged before it is answered
    /// as one read of several records, as the dashboard's.
    /// </summary>
    [Authorize(Policy = Policies.OwnAdvisor)]
    [WolverineGet("/api/advisors/{advisorId}/alerts", Name = "GetAlertInbox")]
    [Tags("Advisors")]
    [ProducesResponseType<IReadOnlyList<AdvisorAlert>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid advisorId, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (await session.LoadAsync<Advisor>(advisorId, ct) is null) return Problems.NotFound("advisor", advisorId);

        // The caseload from the students' own records (committed with their events), not from the async read model.
        var caseload = (await session.Query<Student>().Where(s => s.AdvisorId == advisorId).Select(s => s.Id).ToListAsync(ct)).ToArray();
        if (caseload.Length == 0) return Results.Ok(Array.Empty<AdvisorAlert>());
        var alerts = await session.Query<AdvisorAlert>()
            .Where(a => a.AdvisorId == advisorId && a.StudentId.IsOneOf(caseload))
            .OrderByDescending(a => a.NotifiedAt)
            .Take(500)
            .ToListAsync(ct);
        await accessLog.RecordAsync(http, clock, alerts.Select(a => a.StudentId));
        return Results.Ok(alerts);
    }
}

public static class AlertsConfiguration
{
    public static void AddAdvisorAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Alerts").Get<AlertOptions>() ?? new AlertOptions());
        builder.Services.AddHostedService<AlertSweepService>();
    }
}
