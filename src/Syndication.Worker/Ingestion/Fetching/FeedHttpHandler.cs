using System.Net;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>Builds the primary handler of the fetcher's named HttpClient.</summary>
internal static class FeedHttpHandler
{
    public static SocketsHttpHandler Create(IngestionOptions options, GuardedConnector connector) => new()
    {
        // FeedFetcher follows redirects itself: it counts them, spots loops and permanent moves, and refuses other schemes.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        ConnectTimeout = options.ConnectTimeoutSeconds > 0 ? TimeSpan.FromSeconds(options.ConnectTimeoutSeconds) : Timeout.InfiniteTimeSpan,
        ConnectCallback = connector.ConnectAsync,
        // Through a proxy the guarded connection would be the one to the proxy, and the feed's address would go unchecked.
        UseProxy = false,
        // Sources are strangers to each other; none should see another's cookies.
        UseCookies = false,
        // A response we drop unread (a redirect, an error page) is not worth more than a little draining to keep its connection.
        MaxResponseDrainSize = 64 * 1024,
    };
}
