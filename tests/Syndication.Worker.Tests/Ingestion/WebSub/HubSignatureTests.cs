using System.Security.Cryptography;
using System.Text;
using Syndication.Worker.Ingestion.WebSub;

namespace Syndication.Worker.Tests.Ingestion.WebSub;

/// <summary>X-Hub-Signature as hubs send it: each method WebSub names, and the ways a header can be wrong.</summary>
public sealed class HubSignatureTests
{
    private const string Secret = "bí-mật-của-chúng-tôi";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("<rss><channel><title>Tin</title></channel></rss>");

    public static TheoryData<string> SignedHeaders()
    {
        var key = Encoding.UTF8.GetBytes(Secret);
#pragma warning disable CA5350 // sha1 is one of the methods a hub may sign with.
        return new TheoryData<string>(
            "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(key, Body)),
#pragma warning restore CA5350
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Body)),
            "sha384=" + Convert.ToHexString(HMACSHA384.HashData(key, Body)),
            "SHA512=" + Convert.ToHexStringLower(HMACSHA512.HashData(key, Body)));
    }

    [Theory]
    [MemberData(nameof(SignedHeaders))]
    public void A_signature_by_any_websub_method_with_our_secret_is_valid(string header) =>
        Assert.Equal(HubSignatureCheck.Valid, HubSignature.Check(header, Secret, Body));

    [Theory]
    [InlineData(null, HubSignatureCheck.Missing)]
    [InlineData("", HubSignatureCheck.Missing)]
    [InlineData("sha256", HubSignatureCheck.Malformed)]
    [InlineData("sha256=not-hex", HubSignatureCheck.Malformed)]
    [InlineData("md5=00112233445566778899aabbccddeeff", HubSignatureCheck.Malformed)]
    [InlineData("sha256=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", HubSignatureCheck.Mismatch)]
    public void A_missing_malformed_or_wrong_signature_is_not_valid(string? header, HubSignatureCheck expected) =>
        Assert.Equal(expected, HubSignature.Check(header, Secret, Body));

    [Fact]
    public void A_signature_made_with_another_secret_or_over_another_body_does_not_match()
    {
        var header = HubSignature.Sign(Secret, Body);
        Assert.Equal(HubSignatureCheck.Valid, HubSignature.Check(header, Secret, Body));
        Assert.Equal(HubSignatureCheck.Mismatch, HubSignature.Check(header, "khác", Body));
        Assert.Equal(HubSignatureCheck.Mismatch, HubSignature.Check(header, Secret, [.. Body, (byte)' ']));
    }
}
