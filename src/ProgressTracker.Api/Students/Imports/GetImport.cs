using System.Runtime.CompilerServices;
using Marten;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Imports;

/// <summary>An import's progress as api.md shows it.</summary>
public sealed record ImportStatus(
    Guid Id, string Kind, ImportState State, int Total, int Processed, int Applied, int Failed, int Skipped,
    DateTimeOffset RequestedAt, DateTimeOffset? FinishedAt)
{
    public static ImportStatus Of(RosterImport i) =>
        new(i.Id, i.Kind, i.State, i.Total, i.Processed, i.Applied, i.Failed, i.Skipped, i.RequestedAt, i.FinishedAt);
}

public static class GetImportEndpoints
{
    [WolverineGet("/api/imports/{id}", Name = "GetImport")]
    [Tags("Imports")]
    [ProducesResponseType<ImportStatus>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var (import, denied) = await OpenAsync(session, http, id);
        return denied ?? Results.Ok(ImportStatus.Of(import!));
    }

    /// <summary>The rejected rows as CSV: <c>row, column, message</c>.</summary>
    [WolverineGet("/api/imports/{id}/errors", Name = "GetImportErrors")]
    [Tags("Imports")]
    [Produces("text/csv")]
    public static async Task<IResult> GetErrors(Guid id, IQuerySession session, IDocumentStore store, HttpContext http)
    {
        var (_, denied) = await OpenAsync(session, http, id);
        if (denied is not null) return denied;

        // Streamed from their own rows in row order (the id's order), one at a time, in a session of the stream's own.
        return CsvFiles.Stream(Errors(store, id, http.RequestAborted), $"import-{id}-errors.csv");
    }

    private static async IAsyncEnumerable<ImportError> Errors(IDocumentStore store, Guid id, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var rows = query.Query<ImportErrorRow>().Where(e => e.ImportId == id).OrderBy(e => e.Id);
        await foreach (var row in QueryableExtensions.ToAsyncEnumerable(rows, ct)) yield return new ImportError(row.Row, row.Column, row.Message);
    }

    /// <summary>
    /// An import is the importing college's (and admins') to look at: other roles never (403, whichever the import);
    /// another college's import answers as an unknown one.
    /// </summary>
    private static async Task<(RosterImport?, IResult?)> OpenAsync(IQuerySession session, HttpContext http, Guid id)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsAdmin && caller.Role != Roles.College) return (null, Problems.Forbidden("roster imports"));
        var import = await session.LoadAsync<RosterImport>(id, http.RequestAborted);
        if (import is null) return (null, Problems.NotFound("import", id));
        if (caller.IsAdmin || caller.IsCollege(import.CollegeId)) return (import, null);
        http.MarkRefused("import-of-another-college");
        return (null, Problems.NotFound("import", id));
    }
}
