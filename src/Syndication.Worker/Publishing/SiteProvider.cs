using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Syndication.Core.Publishing;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing;

/// <summary>The site as configured; without a configured base URL, the first address the server listens on.</summary>
public sealed class SiteProvider(IOptions<SyndicationOptions> options, IServiceProvider services)
{
    private Site? _site;

    // Kept once the base URL is known: configured, or the server has bound its address (a poll that starts before
    // the server listens must not fix the stand-in address for good).
    public Site Site => _site ?? Create();

    /// <summary>Whether the base URL is known yet (configured, or the server listens); before, <see cref="Site"/> carries a stand-in.</summary>
    public bool BaseUrlKnown => (_site ?? Create()) is not null && _site is not null;

    private Site Create()
    {
        var settings = options.Value;
        var baseUrl = !string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? settings.PublicBaseUrl : ListeningAddress() ?? StandIn;
        var site = new Site(
            new Uri(baseUrl.TrimEnd('/') + "/"),
            settings.SiteName,
            settings.SiteDescription,
            settings.Language,
            TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone))
        {
            Icons = new SiteIcons(Web.SiteAssets.IconPath, Web.SiteAssets.SmallIconPath, Web.SiteAssets.RssImagePath, Web.SiteAssets.LogoPath),
        };
        if (baseUrl != StandIn)
        {
            _site = site;
        }
        return site;
    }

    private const string StandIn = "http://localhost:5000";

    private string? ListeningAddress()
    {
        var address = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }
        // A wildcard host is not an address a reader can fetch.
        var reachable = address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
        // Before Kestrel binds, the feature holds the configured address, which may ask for any free port (":0"):
        // no one can reach that, so the base URL is not known yet.
        return Uri.TryCreate(reachable, UriKind.Absolute, out var parsed) && parsed.Port == 0 ? null : reachable;
    }
}
