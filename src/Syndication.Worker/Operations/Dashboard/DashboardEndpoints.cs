using Quartz;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Scheduling;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Operations.Dashboard;

/// <summary>Maps /admin/sources (HTML, with "poll now") and /api/sources (JSON), for this machine only.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sources", async (SourceStore sources, CancellationToken cancellationToken) =>
            Results.Json((await sources.ListAsync(includeRemoved: true, cancellationToken)).Select(SourceHealth.Of)))
            .LocalOnly();
        app.MapGet("/admin/sources", async (SourceStore sources, SiteProvider sites, string? polled, CancellationToken cancellationToken) =>
        {
            var health = (await sources.ListAsync(includeRemoved: true, cancellationToken)).Select(SourceHealth.Of).ToList();
            var notice = polled is null ? null : $"Đã lấy lại nguồn {polled}.";
            return Results.Text(SourcesPage.Render(sites.Site, health, notice), "text/html; charset=utf-8");
        }).LocalOnly();
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
        }).LocalOnly().DisableAntiforgery();
        return app;
    }
}
