using System.Net;
using System.Net.Sockets;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>Tells public addresses from loopback, private, link-local, multicast and other non-internet ones, IPv4 and IPv6.</summary>
internal static class AddressClassifier
{
    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            return ClassifyV4(bytes);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return ClassifyV6(bytes);
        }
        // Neither IPv4 nor IPv6: nothing we know how to judge, so nothing we connect to.
        return AddressKind.Reserved;
    }

    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "public address",
        AddressKind.Loopback => "loopback address",
        AddressKind.Private => "private address",
        AddressKind.CarrierGradeNat => "private (carrier-grade NAT) address",
        AddressKind.LinkLocal => "link-local address",
        AddressKind.Multicast => "multicast address",
        AddressKind.Unspecified => "unspecified address",
        AddressKind.Broadcast => "broadcast address",
        _ => "reserved address",
    };

    private static AddressKind ClassifyV4(ReadOnlySpan<byte> b) => b switch
    {
        [0, ..] => AddressKind.Unspecified,
        [10, ..] => AddressKind.Private,
        [100, >= 64 and <= 127, ..] => AddressKind.CarrierGradeNat,
        [127, ..] => AddressKind.Loopback,
        [169, 254, ..] => AddressKind.LinkLocal,
        [172, >= 16 and <= 31, ..] => AddressKind.Private,
        [192, 168, ..] => AddressKind.Private,
        [>= 224 and <= 239, ..] => AddressKind.Multicast,
        [255, 255, 255, 255] => AddressKind.Broadcast,
        [>= 240, ..] => AddressKind.Reserved,
        _ => AddressKind.Public,
    };

    private static AddressKind ClassifyV6(ReadOnlySpan<byte> b)
    {
        ReadOnlySpan<byte> mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
        ReadOnlySpan<byte> nat64 = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
        ReadOnlySpan<byte> nat64LocalUse = [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01];
        ReadOnlySpan<byte> sixToFour = [0x20, 0x02];

        // Forms that carry an IPv4 address reach that address, so they are judged by it.
        if (b.StartsWith(mapped) || b.StartsWith(nat64))
        {
            return ClassifyV4(b[12..]);
        }
        if (b.StartsWith(sixToFour))
        {
            return ClassifyV4(b[2..6]);
        }
        if (b.StartsWith(nat64LocalUse))
        {
            return AddressKind.Private;
        }
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            var last = b[12..];
            return last.IndexOfAnyExcept((byte)0) < 0 ? AddressKind.Unspecified
                : last[..3].IndexOfAnyExcept((byte)0) < 0 && last[3] == 1 ? AddressKind.Loopback
                : AddressKind.Reserved; // ::a.b.c.d, the deprecated IPv4-compatible form
        }
        return b[0] switch
        {
            0xff => AddressKind.Multicast,
            0xfc or 0xfd => AddressKind.Private,
            0xfe when (b[1] & 0xc0) == 0x80 => AddressKind.LinkLocal,
            0xfe when (b[1] & 0xc0) == 0xc0 => AddressKind.Private,
            _ => AddressKind.Public,
        };
    }
}
