using System.Text.Encodings.Web;
using System.Text.Unicode;
using Syndication.Worker.Publishing;
using Syndication.Worker.Publishing.Pages;

namespace Syndication.Worker.Web;

/// <summary>Registers the HTML pages: Razor components rendered on the server (no circuit, no script), and what they read.</summary>
public static class WebPagesRegistration
{
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Razor encodes every character outside Basic Latin by default; Vietnamese text stays readable (and a third
        // of the size) when only what HTML needs escaped is escaped.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<SiteNavigation>();
        services.AddSingleton<ArchiveCalendar>();
        services.AddSingleton<ArchivePages>();
        services.AddSingleton<Publishing.Sitemaps.SitemapPublisher>();
        return services;
    }

    /// <summary>The styled error pages (first, so they catch what fails after them), the assets, the pages, and the 404 for the rest.</summary>
    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.MapSiteAssets();
        app.MapArchivePages();
        Publishing.Sitemaps.SitemapEndpoints.MapSitemaps(app);
        app.MapNotFoundFallback();
        return app;
    }
}
