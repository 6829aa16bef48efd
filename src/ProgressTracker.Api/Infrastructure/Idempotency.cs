using System.Security.Cryptography;
using System.Text;
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
/// It runs after authorization: only a caller allowed to make the write costs a buffered body, a lock and a row.
/// A signed-in caller without a <c>sub</c> claim has nothing to scope a key to: a keyed write is a 400.
/// Answers are kept for <c>Idempotency:RetentionHours</c>; an older one is not replayed and housekeeping deletes it.
/// </summary>
/// <remarks>
/// Every write returns its answer (<see cref="Answer"/>) before Wolverine commits its session, and <see cref="Keep"/>
/// stores it in that session, so the answer commits in the same transaction as the write: a process killed after that
/// commit cannot let a repeat write again. Refusals (4xx) change nothing, so the middleware stores those itself.
/// </remarks>
public sealed class Idempotency(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;

    public async Task InvokeAsync(
        HttpContext http, IDocumentStore store, NpgsqlDataSource database, IdempotencyOptions options, TimeProvider clock)
    {
        var key = http.Request.Headers[Header].ToString();
        // An anonymous caller got here only on a route open to anyone (no write of a record): the key is ignored.
        if (string.IsNullOrEmpty(key) || !IsWrite(http.Request.Method) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            await Problems.Validation(Header, $"{Header} must be 1 to {MaxKeyLength} printable characters.").ExecuteAsync(http);
            return;
        }
        if (http.User.FindFirst("sub")?.Value is not { Length: > 0 } subject)
        {
            await Problems.Validation(Header, $"{Header} needs a token with a 'sub' claim: keys are kept per caller.").ExecuteAsync(http);
            return;
        }

        var ct = http.RequestAborted;
        var id = $"{subject}:{key}";
        var hash = await HashAsync(http.Request, ct);

        await using var connection = await database.OpenConnectionAsync(ct);
        await Lock(connection, "pg_advisory_lock", id, ct);
        try
        {
            await using (var query = store.QuerySession())
            {
                if (await query.LoadAsync<IdempotentResponse>(id, ct) is { } first && first.AnsweredAt > options.ExpiredBefore(clock))
                {
                    await (first.RequestHash == hash ? Send(http, first, replayed: true) : Mismatch(http));
                    return;
                }
            }

            var pending = new PendingAnswer(id, hash);
            http.Features.Set(pending);
            var answered = await CaptureAsync(http, id, hash, clock);
            // An answer the endpoint kept in its own session committed with its write if that answer is what was sent.
            if (IsKept(answered.Status, http) && answered.Status != pending.KeptStatus)
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
    /// Keeps a keyed write's <see cref="Answer"/> in the write's own session, so it commits with the write or not at
    /// all. <see cref="KeptAnswers"/> calls it after every write endpoint and before Wolverine commits the session;
    /// endpoints only return their answer.
    /// </summary>
    public static void Keep(IResult? result, IDocumentSession session, HttpContext http)
    {
        if (result is not Answer answer || http.Features.Get<PendingAnswer>() is not { } pending) return;
        session.Store(answer.Kept(pending.Id, pending.RequestHash, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
        pending.KeptStatus = answer.Status;
    }

    /// <summary>The keyed request the endpoint is running for, and the status of the answer kept in its session.</summary>
    private sealed class PendingAnswer(string id, string requestHash)
    {
        public string Id { get; } = id;
        public string RequestHash { get; } = requestHash;
        public int? KeptStatus { get; set; }
    }

    /// <summary>
    /// Refusals change nothing and are kept, so a repeat gets the same answer, except a 5xx (nothing is known) and an
    /// access refusal: a caller probing records it may not see must not fill the table, and the route answers it again.
    /// </summary>
    private static bool IsKept(int status, HttpContext http) =>
        status < 500 && status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)
        && AccessRefusals.RefusalOf(http) is null && !http.Items.ContainsKey(MomentaryKey);

    private const string MomentaryKey = "pt.idempotency.momentary";

    /// <summary>
    /// Marks a refusal that holds only for the moment (another import is running): it is not kept, so a retry with the
    /// same key, once the obstacle is gone, runs the write.
    /// </summary>
    public static void Momentary(HttpContext http) => http.Items[MomentaryKey] = true;

    /// <summary>The methods whose answers are kept under a key (<see cref="KeptAnswers"/> too).</summary>
    public static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);

    /// <summary>Runs the endpoint with its response buffered, so the answer can be both sent and kept.</summary>
    private async Task<IdempotentResponse> CaptureAsync(HttpContext http, string id, string hash, TimeProvider clock)
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
            Encoding.UTF8.GetString(buffer.ToArray()), clock.GetUtcNow());
    }

    internal static async Task Send(HttpContext http, IdempotentResponse answer, bool replayed)
    {
        http.Response.StatusCode = answer.Status;
        if (answer.ContentType is not null) http.Response.ContentType = answer.ContentType;
        if (answer.Location is not null) http.Response.Headers.Location = answer.Location;
        if (answer.ETag is not null) http.Response.Headers.ETag = answer.ETag;
        if (replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        await http.Response.WriteAsync(answer.Body, http.RequestAborted);
    }

    private static Task Mismatch(HttpContext http) => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency-Key reused with another request",
        detail: "This Idempotency-Key was first used with a different request; use a new key for a new request.")
        .ExecuteAsync(http);

    /// <summary>
    /// A hash of what makes two requests "the same": method, path and query, the If-Match precondition (a retry after
    /// a 412 with the fresh version is another request), and the body bytes (a JSON body as
    /// <see cref="JsonBodyCheck"/> read it; another, a CSV, read here and rewound for the endpoint).
    /// </summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        // Only when sent, so that the hashes of keys kept before If-Match counted stay the same.
        if (request.Headers.IfMatch.Count > 0) sha.AppendData(Encoding.UTF8.GetBytes($"If-Match: {request.Headers.IfMatch}\n"));
        if (request.HttpContext.Features.Get<CheckedJsonBody>() is { } json)
        {
            sha.AppendData(json.Bytes);
            return Convert.ToHexString(sha.GetHashAndReset());
        }

        request.EnableBuffering();
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
