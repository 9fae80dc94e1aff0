namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>Where an IP address leads; everything but <see cref="Public"/> is refused unless private networks are allowed.</summary>
internal enum AddressKind
{
    Public,
    Loopback,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16), IPv6 unique local fc00::/7 and deprecated site-local fec0::/10.</summary>
    Private,

    /// <summary>100.64/10, the shared space of carrier-grade NAT: inside some provider's network, not on the internet.</summary>
    CarrierGradeNat,
    LinkLocal,
    Multicast,

    /// <summary>0.0.0.0/8 and ::, which many stacks treat as "this host".</summary>
    Unspecified,
    Broadcast,

    /// <summary>240/4 and the deprecated IPv4-compatible IPv6 form: not routable on the internet.</summary>
    Reserved,
}
