namespace ProgressTracker.Infrastructure;

/// <summary>The body of a 201 for anything created with a server-generated id.</summary>
public sealed record Created(Guid Id);
