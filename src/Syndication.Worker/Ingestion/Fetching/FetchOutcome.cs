namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>What a fetch came to, as the poller must act on it.</summary>
public enum FetchOutcome
{
    /// <summary>A 200 with a body to parse.</summary>
    Fetched,

    /// <summary>A 304: nothing changed since the validators sent.</summary>
    NotModified,

    /// <summary>A 410: the publisher removed the feed for good.</summary>
    Gone,

    /// <summary>A 429 or 503: the server asks to come back later, see <see cref="FetchResult.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>Anything else: refused, unreachable, too slow, too large, or an HTTP error; see <see cref="FetchResult.Error"/>.</summary>
    Failed,
}
