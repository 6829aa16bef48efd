using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Accounts;

/// <summary>Who the caller is to the service: role and scope from their account (or the service's own token).</summary>
public sealed record Me(string Subject, string Role, Guid? AdvisorId, Guid? CollegeId, Guid? StudentId, string DisplayName);

public static class GetMeEndpoint
{
    [WolverineGet("/api/me", Name = "GetMe")]
    [Tags("Accounts")]
    [ProducesResponseType<Me>(StatusCodes.Status200OK)]
    public static Me Get(HttpContext http)
    {
        var caller = Caller.From(http.User);
        http.Response.Headers.CacheControl = "no-store";
        return new Me(caller.Subject, caller.Role, caller.AdvisorId, caller.CollegeId, caller.StudentId,
            http.User.FindFirst("name")?.Value ?? caller.Subject);
    }
}
