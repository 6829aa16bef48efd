namespace ProgressTracker.Students;

/// <summary>Settings of the pathway rules (configuration section "Pathway"), where public sources disagree.</summary>
public sealed class PathwayOptions
{
    /// <summary>Days between RHIT attempts; public sources say 30 or 91.</summary>
    public int RhitRetakeWaitDays { get; set; } = 30;
}
