using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Syndication.Worker.Partners;

/// <summary>
/// A partner's API key, "syn_{id}_{secret}": the id finds the partner, the 256-bit secret proves it. Only the
/// secret's SHA-256 is stored — a fast hash is enough for a random secret of that size (no dictionary to try).
/// </summary>
public sealed record PartnerKey(string KeyId, string Secret)
{
    private const string Prefix = "syn_";

    public static PartnerKey Generate() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Reads a presented key; false for anything not shaped like one (without saying more to the caller).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PartnerKey? key)
    {
        key = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var parts = text[Prefix.Length..].Split('_');
        if (parts.Length != 2 || parts[0].Length != 12 || parts[1].Length != 64 || !parts.All(IsLowerHex))
        {
            return false;
        }
        key = new PartnerKey(parts[0], parts[1]);
        return true;
    }

    public byte[] SecretHash => SHA256.HashData(Encoding.ASCII.GetBytes(Secret));

    /// <summary>Constant-time comparison with a stored hash, so response times say nothing about how much matched.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash, storedHash);

    public override string ToString() => Prefix + KeyId + "_" + Secret;

    private static bool IsLowerHex(string text) => text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
