using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Students;
using ProgressTracker.Students.AccessLog;
using Wolverine.Http;

namespace ProgressTracker.Advisors.Dashboard;

public static class GetAdvisorDashboardEndpoint
{
    [Authorize(Policy = Policies.OwnAdvisor)]
    [WolverineGet("/api/advisors/{advisorId}/dashboard", Name = "GetAdvisorDashboard")]
    [Tags("Advisors")]
    [ProducesResponseType<AdvisorDashboard>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid advisorId, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock, AlertOptions alerts, PathwayOptions pathway)
    {
        var ct = http.RequestAborted;
        // The advisor and the caseload in one round trip (ops/bench: the dashboard is a p99 target).
        var batch = session.CreateBatchQuery();
        var advisorLoad = batch.Load<Advisor>(advisorId);
        var caseloadLoad = batch.Load<Caseload>(advisorId);
        await batch.Execute(ct);
        if (await advisorLoad is null) return Problems.NotFound("advisor", advisorId);

        var caseload = await caseloadLoad;
        IReadOnlyCollection<Student> students = [.. (await RosterMembers.LoadAsync(session, caseload?.Members, ct)).Where(s => s.AdvisorId == advisorId)];
        var programs = await Programs.OfAsync(session, students, ct);

        // The caseload shows each student's name and stage: a read of their record, logged before it is answered.
        await accessLog.RecordAsync(http, clock, students.Select(s => s.Id));
        return Results.Ok(DashboardFigures.Build(advisorId, students, programs, clock.Today(), alerts, pathway.RhitRetakeWaitDays));
    }
}
