using Marten;
using ProgressTracker.Colleges;

namespace ProgressTracker.Students;

public static class StudentPrograms
{
    /// <summary>The programs a student has enrolled in, by id: what eligibility and next steps need.</summary>
    public static Task<IReadOnlyDictionary<Guid, AcademicProgram>> OfAsync(IQuerySession session, Student student, CancellationToken ct) =>
        Programs.ByIdAsync(session, student.ActiveEnrollments.Select(e => e.ProgramId), ct);
}
