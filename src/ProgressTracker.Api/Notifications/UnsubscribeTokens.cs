using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ProgressTracker.Notifications;

/// <summary>
/// The unsubscribe link's token: the student id and an expiry, signed (HMAC-SHA256) with a key of the service's, so it
/// works without sign-in, only for that student, only until it expires, and cannot be forged or altered.
/// </summary>
public sealed class UnsubscribeTokens(byte[] key)
{
    private const int PayloadBytes = 16 + 8;

    /// <summary>The key: <c>Email:LinkSigningKey</c>, else one derived from <c>Auth:SigningKey</c> for this use only.</summary>
    public static UnsubscribeTokens From(MailOptions mail, string? authSigningKey)
    {
        var secret = !string.IsNullOrEmpty(mail.LinkSigningKey) ? mail.LinkSigningKey : authSigningKey;
        if (string.IsNullOrEmpty(secret))
            // No key configured at all (a provider-only deployment): a random one; links die with the process.
            return new UnsubscribeTokens(RandomNumberGenerator.GetBytes(32));
        return new UnsubscribeTokens(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "progress-tracker unsubscribe"u8));
    }

    public string Create(Guid studentId, DateTimeOffset expires)
    {
        var token = new byte[PayloadBytes + 32];
        studentId.TryWriteBytes(token.AsSpan(0, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(16, 8), expires.ToUnixTimeSeconds());
        HMACSHA256.HashData(key, token.AsSpan(0, PayloadBytes), token.AsSpan(PayloadBytes));
        return WebEncoders.Base64UrlEncode(token);
    }

    /// <summary>The student the token names, if it is genuine and not expired.</summary>
    public Guid? Read(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); }
        catch (FormatException) { return null; }
        if (bytes.Length != PayloadBytes + 32) return null;

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, bytes.AsSpan(0, PayloadBytes), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadBytes))) return null;
        if (DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16, 8))) < now) return null;
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }
}
