using System.Net;
using System.Net.Sockets;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>
/// The ConnectCallback of the fetcher's handler: resolves the host itself, refuses non-public addresses, and connects
/// to the very address it checked, so a second DNS answer cannot swap in an internal one.
/// </summary>
/// <param name="allowPrivateNetworks">Connect to any address (tests and closed networks).</param>
/// <param name="exempt">Test seam: endpoints let through although not public, to prove that a later hop is still checked.</param>
internal sealed class GuardedConnector(bool allowPrivateNetworks, Func<IPEndPoint, bool>? exempt = null)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);

        ForbiddenAddressException? refused = null;
        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, port);
            var kind = AddressClassifier.Classify(address);
            if (kind != AddressKind.Public && !allowPrivateNetworks && exempt?.Invoke(endpoint) != true)
            {
                refused ??= new ForbiddenAddressException(host, address, kind);
                continue;
            }
            try
            {
                return await ConnectAsync(endpoint, cancellationToken);
            }
            catch (SocketException failure)
            {
                // Like the default connector, try the host's next address (an IPv6 ::1 before 127.0.0.1, say).
                lastFailure = failure;
            }
        }
        if (lastFailure is not null)
        {
            throw lastFailure;
        }
        if (refused is not null)
        {
            throw refused;
        }
        throw new SocketException((int)SocketError.HostNotFound);
    }

    private static ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken) =>
        OffLoopStream.ConnectAsync(new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp), endpoint, cancellationToken);
}
