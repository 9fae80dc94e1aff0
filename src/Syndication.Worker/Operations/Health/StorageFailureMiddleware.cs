using System.Globalization;
using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// A request that fails on storage gets a problem document (application/problem+json) instead of an empty 500: 503 with
/// <c>Retry-After</c> when another writer held the lock past the busy timeout, 507 when the disk is full, 503 for any
/// other storage failure, which <see cref="StorageHealth"/> keeps for <c>/readyz</c>. The file's path stays in the log.
/// </summary>
internal sealed class StorageFailureMiddleware(RequestDelegate next, StorageHealth health, ILogger<StorageFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && health.Observe(error) is { } failure)
        {
            var (status, title, detail, retryAfter) = failure.Kind switch
            {
                StorageFailureKind.Busy => (StatusCodes.Status503ServiceUnavailable, "The database is busy",
                    "Another writer held the database past the busy timeout; nothing was written. Retry shortly.", 2),
                StorageFailureKind.Full => (StatusCodes.Status507InsufficientStorage, "Storage is full",
                    "The server's storage is full; nothing was written. Retry later.", 60),
                _ => (StatusCodes.Status503ServiceUnavailable, "Storage is failing",
                    "The server's storage is failing; nothing was written. Retry later.", 60),
            };
            if (failure.Kind == StorageFailureKind.Busy)
            {
                // No URL in the line: a partner key may be in the path.
                logger.LogWarning("A {Method} request waited past the busy timeout for the database lock; answered 503", context.Request.Method);
            }
            context.Response.Clear();
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
        }
    }
}
