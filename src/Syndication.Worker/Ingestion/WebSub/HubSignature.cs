using System.Security.Cryptography;
using System.Text;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>Checks a WebSub delivery's <c>X-Hub-Signature: METHOD=HEX</c>, the HMAC of the raw body keyed with the subscription's secret.</summary>
public static class HubSignature
{
    public const string Header = "X-Hub-Signature";

    public static HubSignatureCheck Check(string? header, string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return HubSignatureCheck.Missing;
        }
        var equals = header.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return HubSignatureCheck.Malformed;
        }
        var method = header[..equals].Trim().ToLowerInvariant();
        byte[] given;
        try
        {
            given = Convert.FromHexString(header[(equals + 1)..].Trim());
        }
        catch (FormatException)
        {
            return HubSignatureCheck.Malformed;
        }
        var key = Encoding.UTF8.GetBytes(secret);
        byte[]? expected = method switch
        {
#pragma warning disable CA5350 // WebSub names sha1 among a hub's signature methods; older hubs sign with nothing else.
            "sha1" => HMACSHA1.HashData(key, body),
#pragma warning restore CA5350
            "sha256" => HMACSHA256.HashData(key, body),
            "sha384" => HMACSHA384.HashData(key, body),
            "sha512" => HMACSHA512.HashData(key, body),
            _ => null,
        };
        if (expected is null)
        {
            return HubSignatureCheck.Malformed;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given) ? HubSignatureCheck.Valid : HubSignatureCheck.Mismatch;
    }

    /// <summary>The header value a hub would send for <paramref name="body"/> (SHA-256), for tests and tools.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
