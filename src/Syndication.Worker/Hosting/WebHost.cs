using Syndication.Worker.Alerts;
using Syndication.Worker.Configuration;
using Syndication.Worker.Importing;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.WebSub;
using Syndication.Worker.Operations.Admin;
using Syndication.Worker.Operations.Health;
using Syndication.Worker.Operations.Metrics;
using Syndication.Worker.Operations.Maintenance;
using Syndication.Worker.Partners;
using Syndication.Worker.Publishing;
using Syndication.Worker.Publishing.Embargo;
using Syndication.Worker.Publishing.Export;
using Syndication.Worker.Publishing.WebSub;
using Syndication.Worker.Search;
using Syndication.Worker.Web;

namespace Syndication.Worker.Hosting;

/// <summary>Builds the HTTP service: configuration from appsettings.json beside the program and the environment.</summary>
public static class WebHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigurationCheck.ThrowIfUnreadable(builder.Configuration);
        builder.Services.AddSyndication(builder.Configuration);
        LogFormat.Apply(builder.Logging, builder.Configuration, toStandardError: false);
        // ASP.NET's request lines and request scope carry the URL, and a partner key may be in the path
        // (/partners/{key}/…): they are off whatever the configuration says, so no secret reaches a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.Matching", LogLevel.Information);
        builder.Services.AddSingleton<ArchiveStartup>();
        builder.Services.AddPollScheduler(
            builder.Configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>() ?? new IngestionOptions());
        builder.Services.AddWebSub(builder.Configuration);
        builder.Services.AddPushSubscriber(builder.Configuration);
        builder.Services.AddScheduledExport(builder.Configuration);
        builder.Services.AddSyndicationHealth();
        builder.Services.AddSyndicationMetrics();
        builder.Services.AddMaintenance(builder.Configuration);
        builder.Services.AddPartnerAccess();
        builder.Services.AddAdminSession();
        builder.Services.AddRelatingJob(builder.Configuration);
        builder.Services.AddEmbargoRelease(builder.Configuration);
        builder.Services.AddAlertDelivery(builder.Configuration);
        builder.Services.AddWebPages();
        // A search feed's URL carries its query; let a long one reach the endpoint, which answers it with a plain 400
        // instead of Kestrel's bare 414 (8 KB is the default request line).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = 64 * 1024);
        // A request is parsed, answered and sent on the thread that received it, instead of passing through Kestrel's
        // I/O queues twice (receive → request, response → send). That thread is a pool thread, unless `serve` has socket
        // completions run inline (EventLoop): then it is the socket's event loop, which answers a cached feed and hands
        // anything else to the pool (CachedFeedMiddleware), so a slow request holds a pool thread, never the event loop.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        // Type=notify and systemd log prefixes when started by systemd; nothing otherwise.
        builder.Host.UseSystemd();
        configure?.Invoke(builder);

        var app = builder.Build();
        // Before the host's own start-up validation, which would log the first failure as an 18-line stack trace.
        ConfigurationCheck.ThrowIfInvalid(builder.Services, app.Services);
        // First of all: a public feed already rendered is answered from memory before routing and the rest (it reads
        // nothing that can fail); anything else goes on. Routing is then placed here explicitly — WebApplication would
        // otherwise put it ahead of everything registered below.
        app.UseMiddleware<CachedFeedMiddleware>();
        app.UseRouting();
        app.UseErrorPages();
        // Inside the error pages: a storage failure gets its own answer (503/507 problem document), anything else theirs.
        app.UseStorageFailures();
        // Inside both: checking a partner key reads the database, so a database that is gone answers a keyed request
        // with the storage failure's 503 problem, not an empty 500. (Routing has chosen the endpoint, so authorization
        // sees its policy.)
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so the limiter partitions by the authenticated key.
        app.UseRateLimiter();
        // After authorization, so a console form's token is checked against the signed-in session; the console's
        // endpoints refuse a post whose token is missing or wrong.
        app.UseAntiforgery();
        app.MapPublishing();
        app.MapPushCallbacks();
        app.MapSearch();
        app.MapPartnerFeeds();
        app.MapSyndicationHealth();
        app.MapSyndicationMetrics();
        app.MapAdmin();
        app.MapArticleApi();
        app.MapPartnerApi();
        app.MapWebPages();
        return app;
    }

    /// <summary>Migrates, imports seeds into an empty archive, then serves until stopped.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await StartAsync(app, cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Readies the archive, then starts listening; the archive is complete before the first request. The check
    /// of every page of the file starts once the service listens (<see cref="FileCheck"/>); the site's feeds are rendered
    /// meanwhile (<see cref="FeedWarmUp"/>).</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<ArchiveStartup>().RunAsync(serving: true, cancellationToken);
        app.Services.GetRequiredService<FileCheck>().Start();
        _ = FeedWarmUp.Start(
            app.Services.GetRequiredService<FeedPublisher>(),
            app.Services.GetRequiredService<SiteProvider>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FeedWarmUp)),
            app.Lifetime.ApplicationStopping);
        await app.StartAsync(cancellationToken);
    }
}
