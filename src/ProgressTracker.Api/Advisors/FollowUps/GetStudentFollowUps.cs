using Marten;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Students;
using ProgressTracker.Students.AccessLog;
using Wolverine.Http;

namespace ProgressTracker.Advisors.FollowUps;

/// <summary>Follow-up settings (configuration section "FollowUps").</summary>
public sealed class FollowUpOptions
{
    /// <summary>
    /// Whether students see their advisors' contacts and notes on their own timeline. Off by default: the notes are
    /// the advisor's working papers unless the college decides otherwise (a setting, domain.md).
    /// </summary>
    public bool StudentsSeeContacts { get; set; }
}

public static class GetStudentFollowUpsEndpoint
{
    /// <summary>
    /// Beyond api.md, for the timeline page: one student's follow-ups with their contacts, oldest first. Their advisor
    /// and admins see them; the student only when <see cref="FollowUpOptions.StudentsSeeContacts"/> is on; to anyone
    /// else the student is unknown (404). A logged read of the record.
    /// </summary>
    [WolverineGet("/api/students/{id}/follow-ups", Name = "GetStudentFollowUps")]
    [Tags("Follow-up")]
    [ProducesResponseType<IReadOnlyList<FollowUpView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid id, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock, FollowUpOptions options)
    {
        var read = await StudentReads.OpenAsync(session, accessLog, http, clock, id,
            (caller, student) => caller.IsAdmin || caller.IsAdvisor(student.AdvisorId) || (options.StudentsSeeContacts && caller.IsStudent(student.Id)));
        if (read.Denied is not null) return read.Denied;

        var followUps = await session.Query<FollowUp>().Where(f => f.StudentId == id)
            .OrderBy(f => f.RaisedOn).ThenBy(f => f.OpenedAt).Take(500).ToListAsync(http.RequestAborted);
        return Results.Ok(followUps.Select(FollowUpView.Of).ToList());
    }
}
