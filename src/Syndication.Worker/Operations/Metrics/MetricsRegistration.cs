using OpenTelemetry.Metrics;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Operations.Metrics;

/// <summary>Registers the instruments and the OpenTelemetry Prometheus exporter, and maps <c>/metrics</c>.</summary>
public static class MetricsRegistration
{
    /// <summary>Series (label combinations) kept per instrument; feed requests by kind and status have the most, a few dozen.</summary>
    public const int MaxSeriesPerInstrument = 200;

    public static IServiceCollection AddSyndicationMetrics(this IServiceCollection services)
    {
        services.AddSingleton<FailingSources>();
        services.AddSingleton<SyndicationMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SyndicationMetrics.MeterName)
            // .NET's own: GC heap size and collections, working set, thread pool, exceptions (dotnet_* series).
            .AddMeter("System.Runtime")
            // Every series here has a handful of label values; OpenTelemetry's default room of 2,000 points per
            // instrument is an array on the large-object heap for each of ~30 instruments (~4 MB kept for nothing).
            .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MaxSeriesPerInstrument })
            // Scrapes come every 15 s or so; a cached answer would only hide the last poll from the next scrape.
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapSyndicationMetrics(this IEndpointRouteBuilder app)
    {
        // The provider first, so it is listening when the instruments are created and their zero series recorded:
        // every series is then there from the first scrape, not from the first poll or request.
        app.ServiceProvider.GetRequiredService<MeterProvider>();
        app.ServiceProvider.GetRequiredService<SyndicationMetrics>();
        // The exporter maps every method; a scrape is a GET (or HEAD), anything else is answered 405.
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        app.MapOtherMethodsTo405("/metrics", HttpMethods.Get, HttpMethods.Head);
        return app;
    }
}
