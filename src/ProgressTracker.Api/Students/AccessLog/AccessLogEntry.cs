using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students.AccessLog;

/// <summary>
/// One read of a student's record: who (token subject and role), when, and through which route. Kept with the
/// student's record for the student to inspect (FERPA, 34 CFR 99.32). Entries are only ever inserted: no route
/// or code path updates or deletes them.
/// </summary>
public sealed record AccessLogEntry(Guid Id, Guid StudentId, string Subject, string Role, string Route, DateTimeOffset At);

public static class AccessLogging
{
    public static void ConfigureAccessLog(this StoreOptions opts) =>
        opts.Schema.For<AccessLogEntry>().Index(x => x.StudentId);

    /// <summary>Adds one entry per student to the session; the caller commits it before answering.</summary>
    public static void LogRead(this IDocumentSession session, HttpContext http, TimeProvider clock, params IEnumerable<Guid> studentIds)
    {
        var caller = Caller.From(http.User);
        var route = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        var at = clock.GetUtcNow();
        foreach (var studentId in studentIds)
            session.Insert(new AccessLogEntry(Guid.CreateVersion7(), studentId, caller.Subject, caller.Role, route, at));
    }
}
