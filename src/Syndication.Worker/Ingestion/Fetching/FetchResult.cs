namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>The result of one fetch, success or failure: the fetcher reports problems here instead of throwing.</summary>
public sealed record FetchResult
{
    public required FetchOutcome Outcome { get; init; }

    /// <summary>Status of the last response; null when no response arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The URL the last request went to, after redirects.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>Set when at least one redirect was followed, every one was 301 or 308, and the fetch succeeded: store the source under this URL from now on.</summary>
    public Uri? PermanentUrl { get; init; }

    /// <summary>The decompressed body of a <see cref="FetchOutcome.Fetched"/> result.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The Content-Type header as received (its charset matters to the parser).</summary>
    public string? ContentType { get; init; }

    /// <summary>The Link header values as received (WebSub discovery may name the hub there); empty when there were none.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    /// <summary>The ETag as received, to send back verbatim as If-None-Match.</summary>
    public string? ETag { get; init; }

    /// <summary>The Last-Modified header as received, to send back verbatim as If-Modified-Since.</summary>
    public string? LastModified { get; init; }

    /// <summary>How long a 429 or 503 asks us to wait (Retry-After in seconds or as an HTTP date); null when it did not say.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>One line naming what went wrong; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>Body bytes read after decompression (at most the limit plus one when the limit was exceeded).</summary>
    public long BytesRead { get; init; }

    public TimeSpan Elapsed { get; init; }
}
