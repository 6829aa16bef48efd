using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>A student's record opened for reading, with the programs it refers to, or the answer that refuses it.</summary>
public sealed record StudentRead(Student? Student, IReadOnlyDictionary<Guid, AcademicProgram> Programs, IResult? Denied);

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
        // The record and its programs in one round trip (ops/bench: every round trip costs the service socket and
        // scheduler time, which is most of a read's CPU).
        List<AcademicProgram> programs = [];
        var student = await session.Query<Student>()
            .Where(s => s.Id == studentId)
            .Include(s => s.ProgramIds, programs)
            .SingleOrDefaultAsync(ct);
        if (student is null) return new(null, Programs.None, Problems.NotFound("student", studentId));
        if (!mayRead(Caller.From(http.User), student)) return new(null, Programs.None, Problems.Forbidden("this student's record"));

        await accessLog.RecordAsync(http, clock, student.Id);
        return new(student, await Programs.CompleteAsync(session, student, programs, ct), null);
    }
}
