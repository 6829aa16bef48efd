using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
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
        Guid advisorId, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock,
        AlertOptions alerts, PathwayOptions pathway)
    {
        var ct = http.RequestAborted;
        // The advisor and the caseload's standings in one round trip (ops/bench: the dashboard is a p99 target), by the
        // states' indexed advisor: committed with the students' events, so a write shows at once. A standing is what a
        // row and the alert rules read, stored beside the state in a column of its own.
        var batch = session.CreateBatchQuery();
        var advisorLoad = batch.Load<Advisor>(advisorId);
        var caseloadLoad = batch.Query<Student>().Where(s => s.AdvisorId == advisorId).Select(s => s.StoredStanding).ToList();
        await batch.Execute(ct);
        if (await advisorLoad is null) return Problems.NotFound("advisor", advisorId);

        var students = (await caseloadLoad).Select(Standing.FromStored).ToList();
        // The caseload shows each student's name and stage: a read of their record, logged before it is answered.
        // The log's insert runs while the programs load and the figures are computed (ops/bench: dashboard p99).
        var logged = accessLog.RecordAsync(http, clock, students.Select(s => s.StudentId));
        var programs = await Programs.ByIdAsync(session, students.SelectMany(s => s.Enrollments.Select(e => e.ProgramId)), ct);
        var dashboard = DashboardFigures.Build(advisorId, students, programs, clock.Today(), alerts, pathway.RhitRetakeWaitDays);
        await logged;
        return Results.Ok(dashboard);
    }
}
