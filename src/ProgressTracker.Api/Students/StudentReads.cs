using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>
/// A student's record opened for reading, or the answer that refuses it; <see cref="Logged"/> completes once the read is
/// in the access log, and is awaited before anything is answered.
/// </summary>
public sealed record StudentRead(Student? Student, IResult? Denied, Task Logged)
{
    public static StudentRead Refusal(IResult denied) => new(null, denied, Task.CompletedTask);
}

/// <summary>
/// The one way a student's record is read: load it, check the caller may see it, and write the read into the
/// student's access log before anything is answered. A read that cannot be logged is not answered.
/// </summary>
public static class StudentReads
{
    public static async Task<StudentRead> OpenAsync(
        IQuerySession session, AccessLog.AccessLog accessLog, HttpContext http, TimeProvider clock, Guid studentId,
        Func<Caller, Student, bool> mayRead, bool erasedIsGone = true)
    {
        var student = await session.LoadAsync<Student>(studentId, http.RequestAborted);
        if (student is null) return StudentRead.Refusal(Problems.NotFound("student", studentId));
        // Not allowed answers exactly as unknown (api.md): the caller learns nothing of the record.
        if (!mayRead(Caller.From(http.User), student)) return StudentRead.Refusal(Refused(http, studentId));
        // An erased record answers 410 to those who could see it; what is left of it is ids (the access log).
        if (student.Erased && erasedIsGone) return StudentRead.Refusal(Problems.Gone(studentId));

        // The log's insert runs while the caller reads the rest of what it answers (its own connection, group-committed).
        return new(student, null, accessLog.RecordAsync(http, clock, student.Id));
    }

    /// <summary>The 404 of an unknown student, marked as a refusal for the security log.</summary>
    public static IResult Refused(HttpContext http, Guid studentId)
    {
        http.MarkRefused("student-not-visible");
        return Problems.NotFound("student", studentId);
    }
}
