using System.Net;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

public sealed class AddressClassifierTests
{
    [Theory]
    // IPv4
    [InlineData("8.8.8.8", nameof(AddressKind.Public))]
    [InlineData("203.162.4.191", nameof(AddressKind.Public))]
    [InlineData("127.0.0.1", nameof(AddressKind.Loopback))]
    [InlineData("127.255.255.254", nameof(AddressKind.Loopback))]
    [InlineData("10.0.0.1", nameof(AddressKind.Private))]
    [InlineData("10.255.255.255", nameof(AddressKind.Private))]
    [InlineData("172.16.0.1", nameof(AddressKind.Private))]
    [InlineData("172.31.255.255", nameof(AddressKind.Private))]
    [InlineData("172.15.255.255", nameof(AddressKind.Public))]
    [InlineData("172.32.0.0", nameof(AddressKind.Public))]
    [InlineData("192.168.0.1", nameof(AddressKind.Private))]
    [InlineData("192.169.0.1", nameof(AddressKind.Public))]
    [InlineData("100.64.0.1", nameof(AddressKind.CarrierGradeNat))]
    [InlineData("100.127.255.255", nameof(AddressKind.CarrierGradeNat))]
    [InlineData("100.63.255.255", nameof(AddressKind.Public))]
    [InlineData("100.128.0.0", nameof(AddressKind.Public))]
    [InlineData("169.254.169.254", nameof(AddressKind.LinkLocal))]
    [InlineData("169.253.0.1", nameof(AddressKind.Public))]
    [InlineData("224.0.0.1", nameof(AddressKind.Multicast))]
    [InlineData("239.255.255.250", nameof(AddressKind.Multicast))]
    [InlineData("0.0.0.0", nameof(AddressKind.Unspecified))]
    [InlineData("0.1.2.3", nameof(AddressKind.Unspecified))]
    [InlineData("255.255.255.255", nameof(AddressKind.Broadcast))]
    [InlineData("240.0.0.1", nameof(AddressKind.Reserved))]
    [InlineData("223.255.255.255", nameof(AddressKind.Public))]
    // IPv6
    [InlineData("2001:4860:4860::8888", nameof(AddressKind.Public))]
    [InlineData("2405:4800::1", nameof(AddressKind.Public))]
    [InlineData("::1", nameof(AddressKind.Loopback))]
    [InlineData("::", nameof(AddressKind.Unspecified))]
    [InlineData("fc00::1", nameof(AddressKind.Private))]
    [InlineData("fdff:ffff::1", nameof(AddressKind.Private))]
    [InlineData("fe80::1", nameof(AddressKind.LinkLocal))]
    [InlineData("febf::1", nameof(AddressKind.LinkLocal))]
    [InlineData("fec0::1", nameof(AddressKind.Private))]
    [InlineData("ff02::1", nameof(AddressKind.Multicast))]
    [InlineData("ff05::1:3", nameof(AddressKind.Multicast))]
    [InlineData("::ffff:8.8.8.8", nameof(AddressKind.Public))]
    [InlineData("::ffff:127.0.0.1", nameof(AddressKind.Loopback))]
    [InlineData("::ffff:10.1.2.3", nameof(AddressKind.Private))]
    [InlineData("::ffff:169.254.169.254", nameof(AddressKind.LinkLocal))]
    [InlineData("::ffff:0.0.0.0", nameof(AddressKind.Unspecified))]
    [InlineData("::ffff:224.0.0.1", nameof(AddressKind.Multicast))]
    [InlineData("::ffff:100.64.0.1", nameof(AddressKind.CarrierGradeNat))]
    [InlineData("::127.0.0.1", nameof(AddressKind.Reserved))]
    [InlineData("64:ff9b::10.0.0.1", nameof(AddressKind.Private))]
    [InlineData("64:ff9b::8.8.8.8", nameof(AddressKind.Public))]
    [InlineData("64:ff9b:1::1", nameof(AddressKind.Private))]
    [InlineData("2002:7f00:1::1", nameof(AddressKind.Loopback))]
    [InlineData("2002:c0a8:101::1", nameof(AddressKind.Private))]
    [InlineData("2002:808:808::1", nameof(AddressKind.Public))]
    public void Classifies_addresses(string address, string expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)).ToString());

    [Fact]
    public void Scope_id_does_not_change_the_kind() =>
        Assert.Equal(AddressKind.LinkLocal, AddressClassifier.Classify(IPAddress.Parse("fe80::1%2")));
}
