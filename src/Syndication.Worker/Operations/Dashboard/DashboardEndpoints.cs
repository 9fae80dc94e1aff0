using Quartz;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Partners;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Scheduling;
using Syndication.Worker.Partners;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Operations.Dashboard;

/// <summary>Maps /admin/sources (HTML, with "poll now"), /api/sources (JSON) and /admin/partners, for admin keys only.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sources", async (SourceStore sources, CancellationToken cancellationToken) =>
            Results.Json((await sources.ListAsync(includeRemoved: true, cancellationToken)).Select(SourceHealth.Of)))
            .AdminOnly();
        app.MapGet("/admin/sources", async (SourceStore sources, SiteProvider sites, string? polled, CancellationToken cancellationToken) =>
        {
            var health = (await sources.ListAsync(includeRemoved: true, cancellationToken)).Select(SourceHealth.Of).ToList();
            var notice = polled is null ? null : $"Đã lấy lại nguồn {polled}.";
            return Results.Text(SourcesPage.Render(sites.Site, health, notice), "text/html; charset=utf-8");
        }).AdminOnly();
        app.MapPost("/admin/sources/{id:long}/poll", async (long id, SourceStore sources, SourcePoller poller, ISchedulerFactory schedulers, CancellationToken cancellationToken) =>
        {
            var source = await sources.GetAsync(id, cancellationToken);
            if (source is null || !source.IsActive)
            {
                return Results.Text($"There is no active source {id}.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var job = SourceSchedule.JobKeyFor(id);
            if (scheduler.Status == SchedulerStatus.Running && await scheduler.Exists(job, cancellationToken))
            {
                // Through its own job, so it never runs beside a scheduled poll of the same source.
                await scheduler.TriggerJob(job, cancellationToken);
            }
            else
            {
                await poller.PollAsync(source, cancellationToken);
            }
            return Results.Redirect($"/admin/sources?polled={id}", permanent: false, preserveMethod: false);
        }).AdminOnly().DisableAntiforgery();
        app.MapGet("/admin/partners", async (PartnerStore partners, UsageRecorder usage, SiteProvider sites, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            // Counted traffic is written every few seconds; write it now so the page is up to the request.
            await usage.FlushAsync(cancellationToken);
            const int days = 7;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return Results.Text(
                PartnersPage.Render(sites.Site, await partners.ListAsync(cancellationToken), await partners.GetUsageAsync(today.AddDays(1 - days), cancellationToken), days),
                "text/html; charset=utf-8");
        }).AdminOnly();
        return app;
    }
}
