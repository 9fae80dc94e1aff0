using System.Net;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>A connection refused before it was made, because the host resolved only to non-public addresses.</summary>
internal sealed class ForbiddenAddressException(string host, IPAddress address, AddressKind kind)
    : Exception(Format(host, address, kind))
{
    public IPAddress Address { get; } = address;

    public AddressKind Kind { get; } = kind;

    private static string Format(string host, IPAddress address, AddressKind kind)
    {
        var text = address.ToString();
        var named = string.Equals(host.Trim('[', ']'), text, StringComparison.OrdinalIgnoreCase) ? "" : $" (host {host})";
        return $"connection to {text} refused: {AddressClassifier.Describe(kind)}{named}; "
            + $"set {IngestionOptions.SectionName}:{nameof(IngestionOptions.AllowPrivateNetworks)} to true to allow non-public addresses";
    }
}
