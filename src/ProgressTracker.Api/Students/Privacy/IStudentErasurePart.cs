using Marten;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// What a feature built on Students keeps about a student, erased with the student (<see cref="StudentErasure"/>):
/// the identifying values its documents hold, which the erasure also purges wherever else they were kept, and its
/// change, made in the erasure's transaction. Each feature's part is registered at the root (Api.cs), so that
/// Students need not know the features above it.
/// </summary>
public interface IStudentErasurePart
{
    Task<IEnumerable<string?>> IdentifyingValuesAsync(IQuerySession session, Guid studentId, CancellationToken ct);

    Task EraseAsync(IDocumentSession session, Guid studentId, CancellationToken ct);
}
