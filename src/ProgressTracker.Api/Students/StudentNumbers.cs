using Npgsql;

namespace ProgressTracker.Students;

/// <summary>(college, student number) is unique among students registered from a college's roster.</summary>
public static class StudentNumbers
{
    /// <summary>Named by the state's table, which a new projection version renames (two tables may stand during an upgrade).</summary>
    public static readonly string UniqueIndexName = $"mt_doc_student_{StudentProjection.StateVersion}_uidx_college_number";

    /// <summary>Whether <paramref name="e"/> (or what it wraps) is the database refusing a second student with a college's number.</summary>
    public static bool IsTaken(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName == UniqueIndexName) return true;
        }
        return false;
    }
}
