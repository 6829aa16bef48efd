using Marten;
using Marten.Services.BatchQuerying;
using ProgressTracker.Colleges;

namespace ProgressTracker.Students;

public static class StudentPrograms
{
    /// <summary>The programs a student has enrolled in, by id: what eligibility and next steps need.</summary>
    public static Task<IReadOnlyDictionary<Guid, AcademicProgram>> OfAsync(IQuerySession session, Student student, CancellationToken ct) =>
        Programs.ByIdAsync(session, student.ActiveEnrollments.Select(e => e.ProgramId), ct);

    /// <summary>The same, as one query of a batch; completes when the batch has run.</summary>
    public static async Task<IReadOnlyDictionary<Guid, AcademicProgram>> Of(IBatchedQuery batch, Student student) =>
        (await batch.LoadMany<AcademicProgram>().ById(student.ActiveEnrollments.Select(e => e.ProgramId).Distinct().ToArray()))
        .ToDictionary(p => p.Id);
}
