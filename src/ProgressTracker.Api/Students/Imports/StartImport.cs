using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine;
using Wolverine.Http;

namespace ProgressTracker.Students.Imports;

public static class StartImportEndpoint
{
    /// <summary>The header each kind needs, for the OpenAPI description (kept equal to ImportKind by a test).</summary>
    public const string Columns =
        "Header row per kind (JSON field names of the matching route, studentNumber instead of the student id): "
        + "students: name,email,advisorId,studentNumber; "
        + "enrollments: studentNumber,programId,cohort,intensity,startedOn; "
        + "course-completions: studentNumber,programId,courseCode,title,category,credits,grade,completedOn; "
        + "withdrawals: studentNumber,programId,withdrawnOn,reason; "
        + "degrees: studentNumber,programId,award,conferredOn; "
        + "exam-attempts: studentNumber,exam,takenOn,passed,score; "
        + "job-placements: studentNumber,employer,setting,specialty,fullTime,inField,startedOn; "
        + "term-registrations: studentNumber,programId,term. "
        + "Answers 202 with the import id; follow GET /api/imports/{id} and GET /api/imports/{id}/errors.";

    /// <summary>Roster files are large but bounded: a term's enrollments of a big college fit many times over.</summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>Room for multipart boundaries and part headers around the file.</summary>
    public const long MultipartOverhead = 64 * 1024;

    /// <summary>
    /// Accepts a CSV (a <c>text/csv</c> body or a multipart field <c>file</c>), checks its header and its number of rows
    /// (at most <c>Imports:MaxRows</c>, else 413), and queues it unless the college has an import queued or running
    /// (409 <c>import-running</c>). The import record, the college's claim, the file and the queued message commit
    /// together (Wolverine's outbox), so an accepted import is never lost.
    /// </summary>
    [Authorize(Policy = Policies.OwnCollege)]
    [EnableRateLimiting(RateLimits.Imports)]
    [RequestSizeLimit(MaxFileBytes + MultipartOverhead)]
    [WolverinePost("/api/colleges/{collegeId}/imports", Name = "StartImport")]
    [EndpointSummary("Import a roster CSV (text/csv body or multipart field 'file')")]
    [EndpointDescription(Columns)]
    [Tags("Imports")]
    [ProducesResponseType<Created>(StatusCodes.Status202Accepted)]
    public static async Task<(IResult, OutgoingMessages)> Post(
        Guid collegeId, string? kind, IDocumentSession session, HttpContext http, TimeProvider clock, ImportOptions options)
    {
        var none = new OutgoingMessages();
        if (kind is null || !ImportKind.All.TryGetValue(kind, out var importKind))
            return (Problems.Validation("kind", $"'kind' must be one of: {string.Join(", ", ImportKind.All.Keys)}."), none);
        if (await session.LoadAsync<College>(collegeId, http.RequestAborted) is null)
            return (Problems.NotFound("college", collegeId), none);

        var (csv, tooLarge) = await ReadCsvAsync(http.Request);
        if (tooLarge) return (TooLarge(), none);
        if (csv is null)
            return (Problems.Validation("file", "Send the CSV as a text/csv body or as a multipart field named 'file' (at most 20 MiB)."), none);
        // PostgreSQL cannot store U+0000 in the kept file (it would fail as a 500); no roster has it.
        if (csv.Contains('\0', StringComparison.Ordinal))
            return (Problems.Validation("file", "The file is not a text CSV: it contains NUL characters."), none);

        // One pass to count the rows (no cells kept); the importer reads them once more, a batch at a time.
        var shape = RowReader.Scan(csv, options.MaxRows);
        var problems = RowReader.CheckHeader(importKind, shape.Header);
        if (problems.Count > 0) return (Problems.Validation(new Dictionary<string, string[]> { ["file"] = [.. problems] }), none);
        if (shape.Rows > options.MaxRows) return (TooManyRows(options.MaxRows), none);

        var caller = Caller.From(http.User);
        var import = new RosterImport
        {
            Id = Guid.CreateVersion7(), CollegeId = collegeId, Kind = importKind.Name, State = ImportState.Queued, Total = shape.Rows,
            RequestedBy = caller.Subject, RequestedByRole = caller.Role, RequestedAt = clock.GetUtcNow(),
        };
        if (await OneImportPerCollege.ClaimAsync(session, collegeId, import.Id, http.RequestAborted) is { } running)
        {
            Idempotency.Momentary(http);
            return (running, none);
        }
        session.Store(import);
        session.Store(new ImportFile(import.Id, csv));

        return (new Answer(StatusCodes.Status202Accepted, $"/api/imports/{import.Id}", new Created(import.Id)),
            [new ProcessImport(import.Id)]);
    }

    private static IResult TooLarge() => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large",
        detail: $"Roster files are limited to {MaxFileBytes / 1024 / 1024} MiB.");

    private static IResult TooManyRows(int maxRows) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file has too many rows",
        detail: $"Roster files are limited to {maxRows.ToString("N0", CultureInfo.InvariantCulture)} rows; split the file.");

    /// <summary>The CSV text (null when there is none), or TooLarge when the file is over <see cref="MaxFileBytes"/>.</summary>
    private static async Task<(string? Csv, bool TooLarge)> ReadCsvAsync(HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        if (request.ContentLength > MaxFileBytes + MultipartOverhead) return (null, true);
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxFileBytes + MultipartOverhead }, ct);
                if (form.Files.GetFile("file") is not { Length: > 0 } file) return (null, false);
                if (file.Length > MaxFileBytes) return (null, true);
                using var reader = new StreamReader(file.OpenReadStream());
                return (await reader.ReadToEndAsync(ct), false);
            }

            // Read at most the limit plus one byte: a body without Content-Length (chunked) is bounded too.
            using var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxFileBytes) return (null, true);
            }
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
            return (text.Length > 0 ? text : null, false);
        }
        catch (InvalidDataException)
        {
            return (null, true); // the multipart body is over MultipartBodyLengthLimit
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, true); // Kestrel's MaxRequestBodySize
        }
    }
}
