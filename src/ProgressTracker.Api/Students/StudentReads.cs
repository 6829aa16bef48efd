using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>A student's record opened for reading, or the answer that refuses it.</summary>
public sealed record StudentRead(Student? Student, IResult? Denied);

/// <summary>
/// The one way a student's record is read: load it, check the caller may see it, and write the read into the
/// student's access log before anything is answered. A read that cannot be logged is not answered.
/// </summary>
public static class StudentReads
{
    public static async Task<StudentRead> OpenAsync(
        IQuerySession session, AccessLog.AccessLog accessLog, HttpContext http, TimeProvider clock, Guid studentId,
        Func<Caller, Student, bool> mayRead)
    {
        var ct = http.RequestAborted;
        var student = await session.LoadAsync<Student>(studentId, ct);
        if (student is null) return new(null, Problems.NotFound("student", studentId));
        if (!mayRead(Caller.From(http.User), student)) return new(null, Problems.Forbidden("this student's record"));

        await accessLog.RecordAsync(http, clock, student.Id);
        return new(student, null);
    }
}
