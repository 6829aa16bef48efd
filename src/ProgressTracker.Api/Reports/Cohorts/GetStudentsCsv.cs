using CsvHelper;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.AccessLog;
using Wolverine.Http;

namespace ProgressTracker.Reports.Cohorts;

/// <summary>
/// One row of the student-level CSV: who, where they stand, and the key dates of their enrollment at this college.
/// No e-mail: a college's export carries only what it needs (FERPA minimum necessary).
/// </summary>
[CsvRecord]
public sealed partial record StudentRow(
    [property: CsvColumn("studentId")] Guid StudentId,
    [property: CsvColumn("studentNumber")] string? StudentNumber,
    [property: CsvColumn("name")] string Name,
    [property: CsvColumn("cohort")] string Cohort,
    [property: CsvColumn("programId")] Guid ProgramId,
    [property: CsvColumn("stage")] string Stage,
    [property: CsvColumn("enrolledOn")] string EnrolledOn,
    [property: CsvColumn("degreeOn")] string? DegreeOn,
    [property: CsvColumn("firstRhitAttemptOn")] string? FirstRhitAttemptOn,
    [property: CsvColumn("rhitPassedOn")] string? RhitPassedOn,
    [property: CsvColumn("firstJobOn")] string? FirstJobOn,
    [property: CsvColumn("excluded")] bool Excluded,
    [property: CsvColumn("statementOfDisagreement")] string? StatementOfDisagreement = null)
{
    public static StudentRow Of(Student student, ProgramFacts f) => new(
        f.StudentId, student.StudentNumber, f.Name, f.Cohort, f.ProgramId, Json.KebabName(f.Stage), Iso(f.EnrolledOn)!,
        Iso(f.DegreeOn), Iso(f.FirstAttemptOn), Iso(f.FirstPassOn), Iso(f.FirstJobOn), f.Excluded);

    private static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public static class GetStudentsCsvEndpoint
{
    [Authorize(Policy = Policies.OwnCollege)]
    [WolverineGet("/api/colleges/{collegeId}/students.csv", Name = "GetCollegeStudentsCsv")]
    [Tags("Reports")]
    [Produces("text/csv")]
    public static async Task<IResult> Get(
        Guid collegeId, string? cohort, IQuerySession session, ReportsVersions reports, AccessLog accessLog, HttpContext http, TimeProvider clock,
        AccessOptions access)
    {
        if (cohort is not null && !ReportQueries.IsCohort(cohort))
            return Problems.Validation("cohort", "cohort must be an entry term: YYYY-SP, YYYY-SU or YYYY-FA.");

        var ct = http.RequestAborted;
        if (!await ReportQueries.CollegeExists(session, collegeId, ct)) return Problems.NotFound("college", collegeId);

        // Student-level rows as the college sees the students (CollegeView): only those it still serves, and dates from
        // its view (a job before the student came to it is not its to know); the stage is the whole record's, as on the
        // timeline. Admins get the same rows, every student who ever enrolled there included.
        var caller = Caller.From(http.User);
        var today = clock.Today();
        var students = (await Rosters.CollegeAsync(reports.Reads(session, http), collegeId, ct))
            .Where(s => caller.IsAdmin || CollegeView.Serves(s, collegeId, today, access.CollegeMonthsAfterEnrollment));
        var rows = students
            .Select(s => (Student: s, Facts: ProgramFacts.Of(CollegeView.Of(s, collegeId), e => e.CollegeId == collegeId
                && (cohort is null || string.Equals(e.Cohort, cohort, StringComparison.OrdinalIgnoreCase)))))
            .Where(x => x.Facts is not null)
            .Select(x => StudentRow.Of(x.Student, x.Facts! with { Stage = Pathway.StageOf(x.Student) }))
            .OrderBy(r => r.Cohort, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.StudentId)
            .ToList();

        // A student's statements of disagreement go wherever the record goes (domain.md 7).
        var statements = await Students.Privacy.DisagreementStatement.ByStudentAsync(session, rows.Select(r => r.StudentId), ct);
        rows = [.. rows.Select(r => statements.TryGetValue(r.StudentId, out var text) ? r with { StatementOfDisagreement = text } : r)];

        // Each student in the export gets an entry in their access log, committed before the file is answered.
        await accessLog.RecordAsync(http, clock, rows.Select(r => r.StudentId));
        return CsvFiles.Csv(rows, cohort is null ? "students.csv" : $"students-{cohort.ToUpperInvariant()}.csv");
    }
}
