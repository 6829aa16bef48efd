using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Npgsql;

namespace ProgressTracker.Infrastructure;

/// <summary>The first answer to a write sent with an <c>Idempotency-Key</c>, kept to answer repeats.</summary>
public sealed record IdempotentResponse(
    string Id, string RequestHash, int Status, string? ContentType, string? Location, string? ETag, string Body,
    DateTimeOffset AnsweredAt);

/// <summary>
/// api.md: a write repeated with the same <c>Idempotency-Key</c> and body gets the first answer and appends nothing;
/// the same key with another body gets 422. Keys are scoped to the caller (token subject). Requests with one key are
/// serialized by a PostgreSQL advisory lock, so two simultaneous repeats append once: the second waits, then replays.
/// </summary>
/// <remarks>
/// Endpoints that append events (milestones, registration) know their answer before they commit and save it through
/// <see cref="SaveCreatedAsync"/>, in the same transaction as the events: a process killed after that commit cannot
/// let a repeat append again. Other writes (reference data, imports) have their answer stored here after the endpoint
/// committed, so a process killed between the two would let a repeat write again, a window of milliseconds.
/// </remarks>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, IDocumentStore store, NpgsqlDataSource database)
    {
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key) || !IsWrite(http.Request.Method))
        {
            await next(http);
            return;
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            await Problems.Validation(Header, $"{Header} must be 1 to {MaxKeyLength} printable characters.").ExecuteAsync(http);
            return;
        }

        var ct = http.RequestAborted;
        var id = $"{Caller.From(http.User).Subject}:{key}";
        var hash = await HashAsync(http.Request, ct);

        await using var connection = await database.OpenConnectionAsync(ct);
        await Lock(connection, "pg_advisory_lock", id, ct);
        try
        {
            await using (var query = store.QuerySession())
            {
                if (await query.LoadAsync<IdempotentResponse>(id, ct) is { } first)
                {
                    await (first.RequestHash == hash ? Replay(http, first) : Mismatch(http));
                    return;
                }
            }

            var pending = new PendingAnswer(id, hash);
            http.Features.Set(pending);
            var answered = await CaptureAsync(http, id, hash);
            if (answered.Status < 500 && !pending.Committed)
            {
                await using var session = store.LightweightSession();
                session.Store(answered);
                await session.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            await Lock(connection, "pg_advisory_unlock", id, CancellationToken.None);
        }
    }

    /// <summary>
    /// Commits <paramref name="session"/> and answers 201 with <paramref name="body"/>, the new version as ETag and
    /// <paramref name="location"/>. Under an <c>Idempotency-Key</c> the answer is stored in the same session first, so
    /// it commits with the write or not at all, and exactly what was stored is sent.
    /// </summary>
    public static async Task<IResult> SaveCreatedAsync(
        IDocumentSession session, HttpContext http, string location, long version, object body)
    {
        var json = JsonSerializer.Serialize(body, Json.Http);
        var etag = VersionTag.Of(version);
        var pending = http.Features.Get<PendingAnswer>();
        if (pending is not null)
        {
            session.Store(new IdempotentResponse(pending.Id, pending.RequestHash, StatusCodes.Status201Created, JsonContentType,
                location, etag, json, DateTimeOffset.UtcNow));
        }

        await session.SaveChangesAsync(http.RequestAborted);
        if (pending is not null) pending.Committed = true;

        http.Response.Headers.ETag = etag;
        http.Response.Headers.Location = location;
        return Results.Text(json, JsonContentType, statusCode: StatusCodes.Status201Created);
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The keyed request the endpoint is running for; <see cref="Committed"/> once its answer committed with the write.</summary>
    private sealed class PendingAnswer(string id, string requestHash)
    {
        public string Id { get; } = id;
        public string RequestHash { get; } = requestHash;
        public bool Committed { get; set; }
    }

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);

    /// <summary>Runs the endpoint with its response buffered, so the answer can be both sent and kept.</summary>
    private async Task<IdempotentResponse> CaptureAsync(HttpContext http, string id, string hash)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        var headers = http.Response.Headers;
        return new IdempotentResponse(id, hash, http.Response.StatusCode, http.Response.ContentType,
            headers.Location.ToString() is { Length: > 0 } location ? location : null,
            headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            Encoding.UTF8.GetString(buffer.ToArray()), DateTimeOffset.UtcNow);
    }

    private static async Task Replay(HttpContext http, IdempotentResponse first)
    {
        http.Response.StatusCode = first.Status;
        if (first.ContentType is not null) http.Response.ContentType = first.ContentType;
        if (first.Location is not null) http.Response.Headers.Location = first.Location;
        if (first.ETag is not null) http.Response.Headers.ETag = first.ETag;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.WriteAsync(first.Body, http.RequestAborted);
    }

    private static Task Mismatch(HttpContext http) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key reused with another request",
        detail: "This Idempotency-Key was first used with a different request; use a new key for a new request.")
        .ExecuteAsync(http);

    /// <summary>A hash of what makes two requests "the same": method, path and query, and the body bytes.</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task Lock(NpgsqlConnection connection, string function, string id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {function}(hashtextextended(@id, 7))", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteScalarAsync(ct);
    }
}
