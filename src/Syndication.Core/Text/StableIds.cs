using System.Security.Cryptography;
using System.Text;

namespace Syndication.Core.Text;

/// <summary>Name-based UUIDs (RFC 9562 version 5): the same name always gives the same id.</summary>
public static class StableIds
{
    // A namespace of our own, so our ids never collide with another system's name-based ids.
    private static readonly Guid Namespace = new("6c1f3f2e-8c4b-5d7a-9a51-3b8e2f0d4c61");

    public static Guid FromName(string name)
    {
        var namespaceBytes = Namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, namespaceBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what version 5 UUIDs are defined with; this is naming, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static string Urn(Guid id) => "urn:uuid:" + id.ToString("D");
}
