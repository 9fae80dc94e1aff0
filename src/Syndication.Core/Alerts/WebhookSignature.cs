using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Syndication.Core.Alerts;

/// <summary>
/// The signature a webhook delivery carries in <see cref="HeaderName"/>: <c>t=UNIX-SECONDS,v1=HEX</c>, where HEX is
/// HMAC-SHA256 with the webhook's secret of the text "t." followed by the body's bytes. The time is inside what is
/// signed, so a receiver that refuses old times also refuses a replayed delivery.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Syndication-Signature";

    public static string Header(string secret, DateTimeOffset time, ReadOnlySpan<byte> body)
    {
        var seconds = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={seconds},v1={Hex(secret, seconds, body)}";
    }

    /// <summary>Lowercase hex HMAC-SHA256(secret, "<paramref name="seconds"/>." + body).</summary>
    public static string Hex(string secret, string seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(seconds + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
