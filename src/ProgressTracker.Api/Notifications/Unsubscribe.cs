using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ProgressTracker.Notifications;

public static class UnsubscribeEndpoint
{
    private const string Page = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>ProgressTracker e-mail</title>
        <link rel="stylesheet" href="/css/site.css"></head><body><main><h1>ProgressTracker e-mail</h1><p>{0}</p></main></body></html>
        """;

    /// <summary>
    /// The link in every nudge: turns that student's e-mail nudges off, without sign-in. The token says which student
    /// and until when (signed; see <see cref="UnsubscribeTokens"/>); anything else is a 400 that changes nothing.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/notifications/unsubscribe", Name = "Unsubscribe")]
    [Tags("Follow-up")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Get(string? token, IDocumentSession session, UnsubscribeTokens tokens, TimeProvider clock, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (tokens.Read(token, clock.GetUtcNow()) is not { } studentId)
            return Results.Content(string.Format(Page, "This link is not valid or has expired. Sign in and turn e-mail off on your page."),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

        var current = await session.LoadAsync<NotificationPreference>(studentId, http.RequestAborted);
        if (current?.Email == true)
        {
            session.Store(new NotificationPreference(studentId, false, clock.GetUtcNow(), "unsubscribe-link"));
            await session.SaveChangesAsync(http.RequestAborted);
        }
        return Results.Content(string.Format(Page, "You will get no more e-mail nudges from ProgressTracker."), "text/html; charset=utf-8");
    }
}
