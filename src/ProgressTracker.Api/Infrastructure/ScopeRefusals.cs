using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// A route's scope: callers of <see cref="Role"/> may use it only for their own record, the one whose id is the route
/// value <see cref="RouteValue"/> (their scope claim). Other roles are not this requirement's business.
/// </summary>
public sealed class ScopeRequirement(string role, string claim, string routeValue, string what)
    : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Role { get; } = role;
    public string RouteValue { get; } = routeValue;

    /// <summary>What the route's id names, for the 404 (<c>college</c>, <c>advisor</c>).</summary>
    public string What { get; } = what;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var user = context.User;
        if (!user.HasClaim("role", Role) || user.HasClaim("role", Roles.Admin))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var value = (context.Resource as HttpContext)?.GetRouteValue(RouteValue)?.ToString();
        if (value is not null && Guid.TryParse(value, out var routeId)
            && Guid.TryParse(user.FindFirst(claim)?.Value, out var own) && own == routeId)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// A caller of the right role asking for another college's or advisor's data gets the 404 of an unknown one (api.md:
/// not allowed answers as not found), marked as a refusal; a role that can never use the route keeps the 403.
/// </summary>
public sealed class ScopeRefusals : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult is { Forbidden: true, AuthorizationFailure: { FailCalled: false } failure }
            && failure.FailedRequirements.Any() && failure.FailedRequirements.All(r => r is ScopeRequirement))
        {
            var scope = (ScopeRequirement)failure.FailedRequirements.First();
            context.MarkRefused($"{scope.What}-out-of-scope");
            var id = context.GetRouteValue(scope.RouteValue)?.ToString();
            return Problems.NotFound(scope.What, $"No {scope.What} has the id {id}.").ExecuteAsync(context);
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
