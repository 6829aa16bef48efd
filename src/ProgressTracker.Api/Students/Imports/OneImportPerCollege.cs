using JasperFx;
using Marten;
using Microsoft.AspNetCore.Diagnostics;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students.Imports;

/// <summary>
/// The import a college has queued or running; its id is the college's, so a second one cannot be inserted while it
/// exists (the primary key enforces the rule, whatever node starts the import). The importer deletes it in the
/// transaction that finishes the import.
/// </summary>
public sealed record RunningImport(Guid Id, Guid ImportId);

/// <summary>One import per college at a time: imports of one college decide against each other's students.</summary>
public static class OneImportPerCollege
{
    public const string Rule = "import-running";

    /// <summary>Claims the college for <paramref name="importId"/>, or answers the 409 when an import already holds it.</summary>
    public static async Task<IResult?> ClaimAsync(IDocumentSession session, Guid collegeId, Guid importId, CancellationToken ct)
    {
        if (await session.LoadAsync<RunningImport>(collegeId, ct) is not null) return Conflict();
        // Insert, not Store: two imports that both got past the check conflict at commit (ImportRunningConflict).
        session.Insert(new RunningImport(collegeId, importId));
        return null;
    }

    /// <summary>Frees the college, in the session that finishes <paramref name="import"/>.</summary>
    public static void Release(IDocumentSession session, RosterImport import) =>
        session.DeleteWhere<RunningImport>(r => r.Id == import.CollegeId && r.ImportId == import.Id);

    public static IResult Conflict() => Problems.Rule(Rule,
        "This college has an import queued or running; start the next one when it has finished (GET /api/imports/{id}).");
}

/// <summary>The commit of a second simultaneous import conflicts on <see cref="RunningImport"/>: the same 409.</summary>
public sealed class ImportRunningConflict : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var conflict = exception as DocumentAlreadyExistsException ?? exception.InnerException as DocumentAlreadyExistsException;
        if (conflict?.DocumentType != typeof(RunningImport)) return false;
        await OneImportPerCollege.Conflict().ExecuteAsync(http);
        return true;
    }
}
