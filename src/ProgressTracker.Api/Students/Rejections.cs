using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>The rejections several commands share, so that their codes and sentences stay the same.</summary>
public static class Rejections
{
    public static Rejection NotEnrolled(string action) =>
        new("not-enrolled", $"The student has no open enrollment in that program, so you cannot {action}.");

    public static Rejection BeforeEnrollment(string what, EnrollmentEpisode enrollment) =>
        new("before-enrollment", $"{what} cannot precede the enrollment it belongs to (started {enrollment.StartedOn:yyyy-MM-dd}).");
}
