using Npgsql;

namespace ProgressTracker.Students;

/// <summary>(college, student number) is unique among students registered from a college's roster.</summary>
public static class StudentNumbers
{
    public const string UniqueIndexName = "mt_doc_student_2_uidx_college_number";

    /// <summary>Whether <paramref name="e"/> (or what it wraps) is the database refusing a second student with a college's number.</summary>
    public static bool IsTaken(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueIndexName }) return true;
        }
        return false;
    }
}
