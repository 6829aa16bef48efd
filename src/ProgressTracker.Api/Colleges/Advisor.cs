namespace ProgressTracker.Colleges;

/// <summary>
/// An advisor: reference data, kept as a plain document beside the colleges and programs, so that Students can check
/// an assignment and Advisors (alerts, dashboard, follow-ups) can build on both.
/// </summary>
public sealed record Advisor(Guid Id, string Name, string Email);
