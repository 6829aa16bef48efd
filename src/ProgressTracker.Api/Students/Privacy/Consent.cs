using System.Security.Cryptography;
using System.Text;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// A student's signed and dated consent to disclose named parts of their record to a named recipient for a stated
/// purpose until a date (34 CFR 99.30). The link's token is never stored: only its SHA-256 (<see cref="TokenHash"/>),
/// so the database alone cannot open a link. Revoked or past its date, the link stops at once.
/// </summary>
public sealed record Consent
{
    public Guid Id { get; init; }
    public Guid StudentId { get; init; }
    public string Recipient { get; init; } = "";
    public string Purpose { get; init; } = "";
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>The last day the link works (UTC).</summary>
    public DateOnly ExpiresOn { get; init; }

    /// <summary>Signed: who gave it (the student's subject) and when.</summary>
    public string SignedBy { get; init; } = "";
    public DateTimeOffset SignedAt { get; init; }

    /// <summary>Hex SHA-256 of the link's token; indexed, unique.</summary>
    public string TokenHash { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The parts a consent can name (api.md).</summary>
    public static readonly string[] AllParts = ["timeline", "exams", "placements", "degrees"];

    public bool WorksOn(DateOnly today) => RevokedAt is null && today <= ExpiresOn;
}

/// <summary>A consent as its student and admins read it (never the token or its hash).</summary>
public sealed record ConsentView(
    Guid Id, string Recipient, string Purpose, IReadOnlyList<string> Parts, DateOnly ExpiresOn, DateTimeOffset SignedAt,
    DateTimeOffset? RevokedAt, string State)
{
    public static ConsentView Of(Consent c, DateOnly today) => new(c.Id, c.Recipient, c.Purpose, c.Parts, c.ExpiresOn, c.SignedAt,
        c.RevokedAt, c.RevokedAt is not null ? "revoked" : today > c.ExpiresOn ? "expired" : "active");
}

/// <summary>The share link's token: 32 random bytes (256 bits), base64url; stored only as its hash.</summary>
public static class ShareTokens
{
    public const int Length = 43;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Only what <see cref="New"/> makes: anything else is refused before the database is asked.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The stored hash against the presented token's, in constant time.</summary>
    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
