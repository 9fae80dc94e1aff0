using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Ingestion.Sources;

/// <summary>
/// Tells the service's own feeds from other sites', so it never subscribes to itself (importing our /feeds.opml would
/// otherwise add every feed we publish): a URL under <c>Syndication:PublicBaseUrl</c>, or at an address the service
/// listens on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>; ASP.NET Core's http://localhost:5000 by default).
/// </summary>
public sealed class OwnFeeds(IOptions<SyndicationOptions> options, IConfiguration configuration)
{
    private const string DefaultUrls = "http://localhost:5000";

    private readonly Lazy<IReadOnlyList<Uri>> _listening = new(() => Listening(configuration));
    private readonly Lazy<HashSet<string>> _localHosts = new(LocalHosts);

    /// <summary>True when <paramref name="url"/> is one of this service's own addresses.</summary>
    public bool IsOwn(Uri url)
    {
        if (Uri.TryCreate(options.Value.PublicBaseUrl, UriKind.Absolute, out var publicBase)
            && SameAuthority(url, publicBase.Scheme, publicBase.Host, publicBase.Port)
            && url.AbsolutePath.StartsWith(publicBase.AbsolutePath, StringComparison.Ordinal))
        {
            return true;
        }
        return _listening.Value.Any(binding =>
            SameAuthority(url, binding.Scheme, binding.Host, binding.Port)
            || IsAnyAddress(binding.Host) && url.Scheme == binding.Scheme && url.Port == binding.Port && IsThisMachine(url.Host));
    }

    private bool IsThisMachine(string host) => IsLoopback(host) || _localHosts.Value.Contains(host.Trim('[', ']'));

    private static bool SameAuthority(Uri url, string scheme, string host, int port) =>
        url.Scheme == scheme && url.Port == port
        && (string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase) || IsLoopback(url.Host) && IsLoopback(host));

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);

    /// <summary>"*", "+", 0.0.0.0 and [::] listen on every address of the machine.</summary>
    private static bool IsAnyAddress(string host) =>
        host is "*" or "+" || IPAddress.TryParse(host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));

    private static IReadOnlyList<Uri> Listening(IConfiguration configuration)
    {
        var urls = new[] { configuration["urls"], Environment.GetEnvironmentVariable("ASPNETCORE_URLS") }
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]))
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .SelectMany(value => value!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        // Uri cannot hold "*" or "+" as a host; the marker keeps them recognisable as "any address".
        return [.. (urls.Count == 0 ? [DefaultUrls] : urls)
            .Select(url => url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()];
    }

    private static HashSet<string> LocalHosts()
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Dns.GetHostName() };
        try
        {
            foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var address in network.GetIPProperties().UnicastAddresses)
                {
                    hosts.Add(address.Address.ToString());
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Without the interface list, the host name and loopback still count.
        }
        return hosts;
    }
}
