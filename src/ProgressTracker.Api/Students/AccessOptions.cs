namespace ProgressTracker.Students;

/// <summary>Settings of who may see what (configuration section "Access").</summary>
public sealed class AccessOptions
{
    /// <summary>
    /// How long a college keeps seeing a student after the student's last enrollment at that college ended (withdrawal
    /// or degree): long enough for its graduate-outcome and placement follow-up, not forever.
    /// </summary>
    public int CollegeMonthsAfterEnrollment { get; set; } = 12;
}
