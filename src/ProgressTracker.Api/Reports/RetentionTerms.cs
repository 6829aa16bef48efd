using Marten;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>A caveat printed beside a measure (api.md: <c>warnings: [{measure, message}]</c>).</summary>
public sealed record ReportWarning(string Measure, string Message);

/// <summary>
/// Retention needs the college's term registrations (domain.md 5): when none at all are recorded for the program
/// (without a program filter: for any of the college's programs) in the term one year after entry, the report says so
/// beside the measure, so that a 0% is not read as every student leaving.
/// </summary>
public static class RetentionTerms
{
    public static ReportWarning NoneRecorded(string term) => new("retention",
        $"No term registrations are recorded for {term}: retention counts only graduates until the college records them.");

    /// <summary>Whether any of <paramref name="students"/> has a standing registration for the term (a loaded roster).</summary>
    public static bool RecordedIn(IEnumerable<Student> students, Guid collegeId, Guid? programId, string term) =>
        students.Any(s => s.RegisteredTerms.Any(r => Matches(r, collegeId, programId, term)));

    /// <summary>
    /// Whether any student has a standing registration for the term, asked of the stored decision states. For a past
    /// report the candidates are the registrations recorded by then, voided ones too (they may have stood then), and
    /// a candidate's record is replayed to that instant until one stands.
    /// </summary>
    public static async Task<bool> RecordedAsync(
        IQuerySession session, Guid collegeId, Guid? programId, string term, DateTimeOffset? asOf, CancellationToken ct)
    {
        // None ever recorded: the usual answer for a college that does not record them, from one small table.
        var marks = programId is { } p
            ? session.Query<TermRecorded>().Where(m => m.Id == TermRecorded.IdOf(p, term) && m.CollegeId == collegeId)
            : session.Query<TermRecorded>().Where(m => m.CollegeId == collegeId && m.Term == term);
        if (!await marks.AnyAsync(ct)) return false;

        if (asOf is not { } at)
        {
            var standing = programId is { } program
                ? session.Query<Student>().Where(s => s.TermRegistrations.Any(r => r.CollegeId == collegeId && r.ProgramId == program && r.Term == term && r.IsVoided == false))
                : session.Query<Student>().Where(s => s.TermRegistrations.Any(r => r.CollegeId == collegeId && r.Term == term && r.IsVoided == false));
            return await standing.AnyAsync(ct);
        }

        var candidates = programId is { } filter
            ? session.Query<Student>().Where(s => s.TermRegistrations.Any(r => r.CollegeId == collegeId && r.ProgramId == filter && r.Term == term))
            : session.Query<Student>().Where(s => s.TermRegistrations.Any(r => r.CollegeId == collegeId && r.Term == term));
        await foreach (var student in candidates.ToAsyncEnumerable(ct))
        {
            // The stored time is the one the inline projection saw, which can differ a little from the event row's (the
            // replay's) timestamp, so it only rules out the clearly later ones; the replay decides.
            if (!student.TermRegistrations.Any(r => Matches(r with { IsVoided = false }, collegeId, programId, term) && r.RecordedAt <= at.AddMinutes(1))) continue;
            var then = await session.Events.AggregateStreamAsync<Student>(student.Id, timestamp: at, token: ct);
            if (then is not null && RecordedIn([then], collegeId, programId, term)) return true;
        }
        return false;
    }

    private static bool Matches(TermRegistration r, Guid collegeId, Guid? programId, string term) =>
        !r.IsVoided && r.CollegeId == collegeId && r.Term == term && (programId is null || r.ProgramId == programId);
}
