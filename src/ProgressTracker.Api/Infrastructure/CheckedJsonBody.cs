namespace ProgressTracker.Infrastructure;

/// <summary>
/// The JSON body's bytes as <see cref="JsonBodyCheck"/> read them, so the idempotency hash does not read the body again.
/// </summary>
public sealed record CheckedJsonBody(byte[] Bytes);
