using System.Text.Json;
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
        Guid advisorId, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock, AlertOptions alerts, PathwayOptions pathway)
    {
        var ct = http.RequestAborted;
        var caller = Caller.From(http.User);
        var route = AccessLog.RouteOf(http);
        var now = clock.GetUtcNow();
        var caseload = CaseloadSql.For(session.DocumentStore.Options);

        // The caseload shows each student's name and stage: a read of their record, logged before it is answered.
        // The log's insert selects the caseload itself, so it runs beside the read rather than after it (ops/bench:
        // the dashboard is a p99 target, and the insert of ~250 rows was the longest step).
        var logging = accessLog.RecordSelectedAsync(caller, route, now, caseload.StudentIds, advisorId, ct);

        // The advisor, the caseload's compact entries (one indexed query, not every student's whole record) and the
        // programs they are enrolled in, in one round trip.
        var batch = session.CreateBatchQuery();
        var advisorLoad = batch.Load<Advisor>(advisorId);
        var entriesLoad = batch.Query<CaseloadEntry>().Where(e => e.AdvisorId == advisorId).ToList();
        var programsLoad = batch.Query<AcademicProgram>(caseload.ProgramsWhere, advisorId);
        // Both finish before anything is answered: an error in either fails the request.
        await Task.WhenAll(batch.Execute(ct), logging);
        var logged = await logging;
        if (await advisorLoad is null) return Problems.NotFound("advisor", advisorId);

        var students = await entriesLoad;
        // A student who joined the caseload between the two statements is shown, so is logged now too.
        List<Guid> unlogged = [.. students.Select(s => s.Id).Where(id => !logged.Contains(id))];
        if (unlogged.Count > 0) await accessLog.RecordAsync(caller, route, now, unlogged, ct);

        var programs = (await programsLoad).ToDictionary(p => p.Id);
        return Results.Ok(DashboardFigures.Build(advisorId, students, programs, clock.Today(), alerts, pathway.RhitRetakeWaitDays));
    }
}

/// <summary>
/// The dashboard's two pieces of SQL over the caseload entries: their student ids (what the access log records) and
/// the programs of their enrollments (what the alert rules look up). JSON names come from the C# names through the
/// store's camel casing, so a rename follows.
/// </summary>
internal sealed record CaseloadSql(string StudentIds, string ProgramsWhere)
{
    public static CaseloadSql For(IReadOnlyStoreOptions options)
    {
        var table = options.FindOrResolveDocumentType(typeof(CaseloadEntry)).TableName.QualifiedName;
        var name = JsonNamingPolicy.CamelCase;
        var enrollments = $"data -> '{name.ConvertName(nameof(CaseloadEntry.AlertInputs))}' -> '{name.ConvertName(nameof(AlertInputs.Enrollments))}'";
        var programId = name.ConvertName(nameof(EnrollmentInput.ProgramId));
        // advisor_id: the duplicated, indexed column of CaseloadEntry.AdvisorId (ReportsConfiguration).
        return new CaseloadSql(
            $"select id from {table} where advisor_id = $1",
            $"where id in (select (e ->> '{programId}')::uuid from {table} c, jsonb_array_elements(c.{enrollments}) e where c.advisor_id = ?)");
    }
}
