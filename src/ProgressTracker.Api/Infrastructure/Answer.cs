using System.Text.Json;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// A write's answer (201, 200 or 202 with its Location, body and, for a stream, the new version as ETag). Returned by
/// the endpoint; under an <c>Idempotency-Key</c> the pipeline keeps exactly what is sent (<see cref="KeptAnswers"/>),
/// so nothing touches the response before the result runs and a commit that fails leaves no header of it on the 500.
/// </summary>
public sealed class Answer(int status, string location, object body, long? version = null) : IResult
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private readonly string _body = JsonSerializer.Serialize(body, Json.Http);

    public static Answer Created(string location, object body, long? version = null) =>
        new(StatusCodes.Status201Created, location, body, version);

    public int Status { get; } = status;

    /// <summary>
    /// For an answer holding a secret shown once (a share link): what a repeat gets instead (the same without the
    /// secret), so the secret is never stored.
    /// </summary>
    public object? KeptBody { get; init; }

    internal IdempotentResponse Kept(string id, string requestHash, DateTimeOffset at) =>
        Response(id, requestHash, at) with { Body = KeptBody is null ? _body : JsonSerializer.Serialize(KeptBody, Json.Http) };

    private IdempotentResponse Response(string id, string requestHash, DateTimeOffset at) =>
        new(id, requestHash, Status, JsonContentType, location, version is { } v ? VersionTag.Of(v) : null, _body, at);

    public Task ExecuteAsync(HttpContext httpContext) =>
        Idempotency.Send(httpContext, Response("", "", DateTimeOffset.MinValue), replayed: false);
}
