using Marten;
using ProgressTracker.Students.AccessLog;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// A disclosure's entry in the access log names its consent by id only; the student reads it with the consent's
/// recipient and purpose (34 CFR 99.32). The log itself holds no free text, so an erasure, which deletes the consents,
/// leaves it as ids.
/// </summary>
public static class Disclosures
{
    public static async Task<IReadOnlyList<AccessLogEntry>> NameAsync(
        IQuerySession session, Guid studentId, IReadOnlyList<AccessLogEntry> entries, CancellationToken ct)
    {
        if (!entries.Any(e => e.Role == Recipients.Role)) return entries;
        var consents = (await session.Query<Consent>().Where(c => c.StudentId == studentId).ToListAsync(ct))
            .ToDictionary(c => $"consent-{c.Id}");
        return [.. entries.Select(e => e.Role == Recipients.Role && consents.TryGetValue(e.Subject, out var c)
            ? e with { Recipient = c.Recipient, Purpose = c.Purpose }
            : e)];
    }
}
