using Marten;
using ProgressTracker.Advisors;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.Web;

/// <summary>The "DemoSignIn" configuration section. Off unless a deployment turns it on (Development, the demo).</summary>
public sealed class DemoSignInOptions
{
    public bool Enabled { get; set; }
}

/// <summary>One identity the demo sign-in page offers: who, in which role, with which scope claim.</summary>
public sealed record DemoIdentity(string Role, Guid? Id, string Name, string Description);

/// <summary>What a signed-in page keeps: the token and who it is for.</summary>
public sealed record DemoSession(string Token, DateTimeOffset ExpiresAt, string Role, string Subject, string Name, Guid? Id);

public sealed record DemoSignInRequest(string? Role, Guid? Id);

/// <summary>
/// Demo sign-in: lists the people in the database and issues a development token (signed with Auth:SigningKey)
/// for the one picked. It exists only when <c>DemoSignIn:Enabled</c> is true; otherwise both routes answer 404, as
/// if they were not there. Production signs in through an OIDC provider instead (README "Web pages"): the pages
/// only need a bearer token in sessionStorage, whoever issued it.
/// </summary>
public static class DemoSignIn
{
    /// <summary>How many students the page offers: one per stage is enough to show every page.</summary>
    private const int StudentsOffered = 8;

    public static void MapDemoSignIn(this WebApplication app)
    {
        var group = app.MapGroup("/auth/demo").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/identities", (IQuerySession session, IConfiguration configuration, CancellationToken ct) =>
            Enabled(configuration) ? ListAsync(session, ct) : Task.FromResult(Results.NotFound()));
        group.MapPost("/sign-in", (DemoSignInRequest request, IQuerySession session, AuthOptions auth, IConfiguration configuration, CancellationToken ct) =>
            Enabled(configuration) ? SignInAsync(request, session, auth, ct) : Task.FromResult(Results.NotFound()));
    }

    /// <summary>Read on each request, so that turning it off (configuration reload) takes effect at once.</summary>
    private static bool Enabled(IConfiguration configuration) =>
        (configuration.GetSection("DemoSignIn").Get<DemoSignInOptions>() ?? new DemoSignInOptions()).Enabled;

    private static async Task<IResult> ListAsync(IQuerySession session, CancellationToken ct)
    {
        var advisors = await session.Query<Advisor>().OrderBy(a => a.Name).Take(50).ToListAsync(ct);
        var colleges = await session.Query<College>().OrderBy(c => c.Name).Take(50).ToListAsync(ct);
        var students = await session.Query<Student>().OrderBy(s => s.Name).Take(500).ToListAsync(ct);
        var advisorNames = advisors.ToDictionary(a => a.Id, a => a.Name);

        // One student per stage, so that every kind of timeline is a click away.
        var offered = students
            .GroupBy(Pathway.StageOf)
            .OrderBy(g => g.Key)
            .Select(g => g.First())
            .Take(StudentsOffered)
            .Select(s => new DemoIdentity(Roles.Student, s.Id, s.Name,
                $"Student, {Json.KebabName(Pathway.StageOf(s)).Replace('-', ' ')}; advisor {advisorNames.GetValueOrDefault(s.AdvisorId, "unknown")}"));

        List<DemoIdentity> identities =
        [
            new(Roles.Admin, null, "Administrator", "Admin: every record, every report (each read is logged)"),
            .. advisors.Select(a => new DemoIdentity(Roles.Advisor, a.Id, a.Name, "Advisor: caseload, timelines, milestones, alerts")),
            .. colleges.Select(c => new DemoIdentity(Roles.College, c.Id, c.Name, "College staff: cohort, placement and outcome reports, roster imports")),
            .. offered,
        ];
        return Results.Ok(identities);
    }

    private static async Task<IResult> SignInAsync(DemoSignInRequest request, IQuerySession session, AuthOptions auth, CancellationToken ct)
    {
        // The id must name a real advisor, college or student: the demo cannot mint a token for nobody.
        var (name, claim) = request.Role switch
        {
            Roles.Admin => ("Administrator", null),
            Roles.Advisor when request.Id is { } a => ((await session.LoadAsync<Advisor>(a, ct))?.Name, "advisor_id"),
            Roles.College when request.Id is { } c => ((await session.LoadAsync<College>(c, ct))?.Name, "college_id"),
            Roles.Student when request.Id is { } st => ((await session.LoadAsync<Student>(st, ct))?.Name, "student_id"),
            _ => ((string?)null, (string?)null),
        };
        if (name is null)
            return Problems.Validation("id", "Pick one of the listed identities: role admin, or advisor, college or student with its id.");

        var id = claim is null ? null : request.Id;
        var subject = id is null ? request.Role! : $"{request.Role}-{id}";
        var scope = claim is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [claim] = id!.Value.ToString() };
        var lifetime = TimeSpan.FromHours(8);
        var token = DevelopmentTokens.Create(auth, subject, request.Role!, scope, lifetime);
        return Results.Ok(new DemoSession(token, DateTimeOffset.UtcNow + lifetime, request.Role!, subject, name, id));
    }
}
