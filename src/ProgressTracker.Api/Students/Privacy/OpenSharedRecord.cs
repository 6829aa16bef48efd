using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Timeline;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>What a recipient reads through a consent's link: exactly the consented parts, and the student's statements.</summary>
public sealed record SharedRecord(
    string Name, string Recipient, string Purpose, DateOnly ExpiresOn, IReadOnlyList<string> Parts, string? Stage,
    IReadOnlyList<JsonObject> Milestones, IReadOnlyList<DisagreementStatement> Statements);

public static class OpenSharedRecordEndpoint
{
    /// <summary>The milestone types each part shows; "timeline" is the whole record.</summary>
    private static readonly Dictionary<string, string> PartTypes = new()
    {
        ["exams"] = "certification-exam-taken",
        ["placements"] = "job-placed",
        ["degrees"] = "degree-conferred",
    };

    /// <summary>
    /// GET /shared/{token}: anyone holding the link, within the consent (not revoked, not past its date). A browser gets
    /// the read-only page (no data in it); the page, or any client asking for JSON, gets the consented parts, and each such
    /// answer is first recorded as a disclosure in the student's access log (recipient and purpose by the consent's id).
    /// Any token that opens nothing answers the same 404.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/shared/{token}", Name = "OpenSharedRecord")]
    [Tags("Privacy")]
    [ProducesResponseType<SharedRecord>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        string token, IQuerySession session, AccessLog.AccessLog accessLog, HttpContext http, TimeProvider clock,
        PathwayOptions pathway, IWebHostEnvironment environment)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        // The link is the secret: no page that follows it may learn it from a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        if (WantsPage(http.Request))
        {
            headers.ContentSecurityPolicy = ContentSecurity.Policy;
            headers["X-Content-Type-Options"] = "nosniff";
            return Results.File(environment.WebRootFileProvider.GetFileInfo("shared.html").CreateReadStream(), "text/html; charset=utf-8");
        }

        var ct = http.RequestAborted;
        var today = clock.Today();
        if (!ShareTokens.IsWellFormed(token)) return NotOpen();
        var hash = ShareTokens.Hash(token);
        var consent = await session.Query<Consent>().Where(c => c.TokenHash == hash).FirstOrDefaultAsync(ct);
        if (consent is null || !ShareTokens.Matches(token, consent.TokenHash) || !consent.WorksOn(today)) return NotOpen();
        var student = await session.LoadAsync<Student>(consent.StudentId, ct);
        if (student is null || student.Erased) return NotOpen();
        var timeline = await session.LoadAsync<StudentTimeline>(student.Id, ct);
        if (timeline is null) return NotOpen();

        await accessLog.RecordAsync(new Caller($"consent-{consent.Id}", Recipients.Role), $"GET /shared (consent {consent.Id})",
            clock.GetUtcNow(), [student.Id], ct);

        var programs = await StudentPrograms.OfAsync(session, student, ct);
        var view = GetTimelineEndpoint.Build(student, timeline, programs, today, pathway.RhitRetakeWaitDays);
        var whole = consent.Parts.Contains("timeline");
        var types = consent.Parts.Where(PartTypes.ContainsKey).Select(p => PartTypes[p]).ToHashSet();
        var milestones = view.Milestones.Where(m => whole || types.Contains((string?)m["type"] ?? "")).ToList();
        return Results.Ok(new SharedRecord(student.Name, consent.Recipient, consent.Purpose, consent.ExpiresOn, consent.Parts,
            whole ? Json.KebabName(view.Stage) : null, milestones, await DisagreementStatement.OfAsync(session, student.Id, ct)));
    }

    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static IResult NotOpen() =>
        Problems.NotFound("shared record", "This link opens nothing: it is unknown, revoked or past its date.");
}

/// <summary>The role an access-log entry of a disclosure through a consent's link carries.</summary>
public static class Recipients
{
    public const string Role = "recipient";
}
