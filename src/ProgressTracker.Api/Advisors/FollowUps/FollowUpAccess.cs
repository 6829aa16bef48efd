using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Advisors.FollowUps;

/// <summary>Who works a follow-up: the student's current advisor, never anyone on their behalf (api.md: "that advisor").</summary>
public static class FollowUpAccess
{
    /// <summary>
    /// Contacts and resolutions: an advisor, for their own <c>{advisorId}</c>. Another advisor's id answers 404 as an
    /// unknown one (ScopeRefusals); other roles, admins included, 403. Decided before the body is read.
    /// </summary>
    public const string AdvisorOnly = "follow-up-advisor";

    public static void AddFollowUpPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(AdvisorOnly, p => p.RequireClaim("role", Roles.Advisor)
                .AddRequirements(new ScopeRequirement(Roles.Advisor, "advisor_id", "advisorId", "advisor")));

    /// <summary>
    /// The follow-up, if it is about a student on this advisor's caseload now; else the 404 of an unknown one, marked
    /// as a refusal when it exists.
    /// </summary>
    public static async Task<(FollowUp? FollowUp, IResult? Denied)> OpenAsync(
        IDocumentSession session, HttpContext http, Guid advisorId, Guid followUpId)
    {
        var ct = http.RequestAborted;
        var followUp = await session.LoadAsync<FollowUp>(followUpId, ct);
        if (followUp is null) return (null, Problems.NotFound("follow-up", followUpId));
        if (await Caseloads.AdvisorOfAsync(session, followUp.StudentId, ct) != advisorId)
        {
            http.MarkRefused("follow-up-not-visible");
            return (null, Problems.NotFound("follow-up", followUpId));
        }
        return (followUp, null);
    }
}
