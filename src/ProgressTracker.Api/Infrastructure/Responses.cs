namespace ProgressTracker.Infrastructure;

/// <summary>The body of a 201 for anything created with a server-generated id.</summary>
public sealed record Created(Guid Id);

/// <summary>A stream version as the ETag clients send back in <c>If-Match</c> (api.md).</summary>
public static class VersionTag
{
    public static string Of(long version) => $"\"{version}\"";
}
