using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Operations.Health;

/// <summary>Registers the health checks and maps <c>/healthz</c> (liveness) and <c>/readyz</c> (database, schema, scheduler).</summary>
public static class HealthRegistration
{
    public const string Live = "live";
    public const string Ready = "ready";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly HttpMethodMetadata ProbeMethods = new([HttpMethods.Get, HttpMethods.Head]);

    public static IServiceCollection AddSyndicationHealth(this IServiceCollection services)
    {
        services.TryAddSingleton<StorageHealth>();
        services.TryAddSingleton<FileCheck>();
        services.AddQuartz(quartz => quartz.AddJobListener<StorageFailureJobListener>([GroupMatcher<JobKey>.AnyGroup()]));
        services.AddHealthChecks()
            .AddCheck<ProcessAliveCheck>("process", tags: [Live])
            .AddCheck<DatabaseWritableCheck>("database", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<SchedulerRunningCheck>("scheduler", tags: [Ready], timeout: CheckTimeout);
        return services;
    }

    /// <summary>Requests that fail on storage answer a problem document (503, or 507 on a full disk) and are reported to readiness.</summary>
    public static IApplicationBuilder UseStorageFailures(this IApplicationBuilder app) => app.UseMiddleware<StorageFailureMiddleware>();

    /// <summary>Unhealthy answers 503 with the failing check named in the JSON body; probes are never cached.</summary>
    public static IEndpointRouteBuilder MapSyndicationHealth(this IEndpointRouteBuilder app)
    {
        // Health checks map every method; a probe is a GET (or HEAD), anything else is answered 405.
        app.MapHealthChecks("/healthz", Options(Live)).WithMetadata(ProbeMethods);
        app.MapHealthChecks("/readyz", Options(Ready)).WithMetadata(ProbeMethods);
        app.MapOtherMethodsTo405("/healthz", HttpMethods.Get, HttpMethods.Head);
        app.MapOtherMethodsTo405("/readyz", HttpMethods.Get, HttpMethods.Head);
        return app;
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = registration => registration.Tags.Contains(tag),
        ResponseWriter = HealthReportWriter.WriteAsync,
        AllowCachingResponses = false,
    };
}
