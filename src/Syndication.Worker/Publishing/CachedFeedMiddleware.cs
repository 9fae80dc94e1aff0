using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;
using Syndication.Worker.Hosting;
using Syndication.Worker.Operations.Metrics;

namespace Syndication.Worker.Publishing;

/// <summary>
/// Answers a public feed that is already rendered and current straight from the feed cache, ahead of routing,
/// authentication, rate limiting and antiforgery — a cached public feed needs none of them, and they were most of its
/// time. Everything else (a page query, a browser asking for HTML, a feed still to render or to compress, a revision to
/// read from the database, any other path) goes on to <see cref="PublishingEndpoints"/>, which answers the same bytes
/// and headers. With socket completions inline (<see cref="EventLoop"/>) the cached answer is written on the event loop
/// that read the request, and everything else leaves that loop for the thread pool here, before it goes on.
/// </summary>
internal sealed class CachedFeedMiddleware(RequestDelegate next, FeedPublisher publisher, IOptions<SyndicationOptions> options, IServiceProvider services)
{
    /// <summary>Paths remembered with their cache slot; past this many, other paths are parsed on each request, so a
    /// stream of made-up addresses cannot grow the table.</summary>
    private const int MaxPaths = 4096;

    /// <summary>What each path seen names: its feed and cache slot, or null for no feed (/feeds/search.atom).</summary>
    private readonly ConcurrentDictionary<string, Resolved?> _paths = new(StringComparer.Ordinal);
    private readonly SyndicationMetrics? _metrics = services.GetService<SyndicationMetrics>();
    private readonly int _maxAgeSeconds = options.Value.FeedMaxAgeSeconds;
    private int _remembered;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.QueryString.HasValue
            || request.Path.Value is not { } path
            || !path.StartsWith("/feeds/", StringComparison.Ordinal)
            || Resolve(path) is not { } resolved
            || !publisher.TryGetRendered(resolved.Slot, out var feed)
            || Browsing.FeedNegotiation.PrefersHtml(request.Headers.Accept)
            || !FeedResponder.TryWriteReady(context, feed, _maxAgeSeconds, out var written))
        {
            // On the socket event loops only a cached feed is answered; the rest may read the store or render.
            return EventLoop.InlineCompletions ? OffLoopAsync(context) : next(context);
        }
        var kind = resolved.Address.Kind;
        if (written.IsCompletedSuccessfully)
        {
            _metrics?.RecordFeedRequest(kind, context.Response.StatusCode);
            return written;
        }
        return RecordAfterAsync(written, context, kind);
    }

    private async Task OffLoopAsync(HttpContext context)
    {
        await EventLoop.LeaveAsync(keepOff: true);
        await next(context);
    }

    private async Task RecordAfterAsync(Task written, HttpContext context, FeedKind kind)
    {
        await written;
        _metrics?.RecordFeedRequest(kind, context.Response.StatusCode);
    }

    /// <summary>The feed at a path and its public cache slot; null when the path names no feed.</summary>
    private Resolved? Resolve(string path)
    {
        if (_paths.TryGetValue(path, out var known))
        {
            return known;
        }
        var resolved = FeedAddress.Parse(path) is { } address ? new Resolved(address, FeedPublisher.SlotOf(address, page: null, FeedAudience.Public)) : null;
        if (Volatile.Read(ref _remembered) < MaxPaths && Interlocked.Increment(ref _remembered) <= MaxPaths)
        {
            _paths[path] = resolved;
        }
        return resolved;
    }

    private sealed record Resolved(FeedAddress Address, FeedPublisher.CacheSlot Slot);
}
