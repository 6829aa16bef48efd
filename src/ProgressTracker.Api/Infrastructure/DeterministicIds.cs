using System.Security.Cryptography;
using System.Text;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same id. The same college, kind and row of
/// an import give the same milestone id, which is what makes a re-import append nothing twice.
/// </summary>
public static class DeterministicIds
{
    private static readonly Guid Namespace = new("6f1d3c52-8a0e-4f57-9b4e-2d7c5a9e1b30");

    public static Guid For(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..length], hash);   // version 5 is defined over SHA-1; this is an identifier, not security
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
