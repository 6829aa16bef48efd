using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using Wolverine.Http;

namespace ProgressTracker.Notifications;

public sealed record SetNotifications(bool? Email);

/// <summary>The student's choice; <c>contactsShared</c>: whether their page shows the advisor's contacts (FollowUps:StudentsSeeContacts).</summary>
public sealed record NotificationsView(Guid StudentId, bool Email, bool? ContactsShared = null);

public static class SetNotificationsEndpoint
{
    /// <summary>The student themselves, for their own id (another student's answers 404); other roles 403. Before the body.</summary>
    public const string StudentOnly = "own-student-only";

    public static ProblemDetails Validate(SetNotifications command) =>
        command?.Email is null
            ? Problems.ValidationDetails(new Dictionary<string, string[]> { ["email"] = ["'email' is required: true or false."] })
            : WolverineContinue.NoProblems;

    /// <summary>Turns the student's e-mail nudges on or off.</summary>
    [Authorize(Policy = StudentOnly)]
    [WolverinePut("/api/students/{id}/notifications", Name = "SetNotifications")]
    [Tags("Follow-up")]
    [ProducesResponseType<NotificationsView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(Guid id, SetNotifications command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        if (await session.LoadAsync<Student>(id, http.RequestAborted) is null) return Problems.NotFound("student", id);
        session.Store(new NotificationPreference(id, command.Email!.Value, clock.GetUtcNow(), Caller.From(http.User).Subject));
        return new Answer(StatusCodes.Status200OK, $"/api/students/{id}/notifications", new NotificationsView(id, command.Email.Value));
    }

}

public static class GetNotificationsEndpoint
{
    /// <summary>The student's own choice, for their page (beyond api.md).</summary>
    [Authorize(Policy = SetNotificationsEndpoint.StudentOnly)]
    [WolverineGet("/api/students/{id}/notifications", Name = "GetNotifications")]
    [Tags("Follow-up")]
    [ProducesResponseType<NotificationsView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, FollowUpOptions followUps)
    {
        if (await session.LoadAsync<Student>(id, http.RequestAborted) is null) return Problems.NotFound("student", id);
        var preference = await session.LoadAsync<NotificationPreference>(id, http.RequestAborted);
        return Results.Ok(new NotificationsView(id, preference?.Email == true, followUps.StudentsSeeContacts));
    }
}
