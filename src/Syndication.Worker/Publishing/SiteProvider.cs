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

    public Site Site => _site ??= Create();

    private Site Create()
    {
        var settings = options.Value;
        var baseUrl = string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? ListeningAddress() : settings.PublicBaseUrl;
        return new Site(
            new Uri(baseUrl.TrimEnd('/') + "/"),
            settings.SiteName,
            settings.SiteDescription,
            settings.Language,
            TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone))
        {
            Icons = new SiteIcons(Web.SiteAssets.IconPath, Web.SiteAssets.SmallIconPath, Web.SiteAssets.RssImagePath, Web.SiteAssets.LogoPath),
        };
    }

    private string ListeningAddress()
    {
        var address = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://localhost:5000";
        // A wildcard host is not an address a reader can fetch.
        return address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal);
    }
}
