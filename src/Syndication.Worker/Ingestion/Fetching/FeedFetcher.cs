using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>Fetches one feed like a polite, hardened crawler: conditional GET, own redirect handling, time and size limits, no internal addresses.</summary>
public sealed class FeedFetcher(
    IHttpClientFactory httpClientFactory,
    IOptions<IngestionOptions> options,
    UserAgent userAgent,
    TimeProvider timeProvider,
    ILogger<FeedFetcher> logger)
{
    /// <summary>The named HttpClient whose handler <see cref="FetchingServiceCollectionExtensions.AddFeedFetching"/> configures.</summary>
    internal const string HttpClientName = "Syndication.FeedFetcher";

    private const string FeedAccept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";

    /// <summary>Fetches <paramref name="request"/>; every network, server or content problem comes back as a result, never as an exception.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var started = timeProvider.GetTimestamp();
        // A floor of one second: an unset or zero timeout must not mean "wait forever" for a hostile server.
        var timeout = TimeSpan.FromSeconds(Math.Max(1, settings.RequestTimeoutSeconds));
        var attempt = new FetchAttempt(request.Url);

        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        FetchResult result;
        try
        {
            result = await FollowAsync(request, settings, attempt, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = attempt.Failed(FetchErrors.TimedOut(timeout));
        }
        catch (Exception exception) when (IsExpected(exception))
        {
            result = attempt.Failed(FetchErrors.Describe(exception, attempt.Url, TimeSpan.FromSeconds(settings.ConnectTimeoutSeconds)));
        }
        catch (Exception exception)
        {
            // Untrusted input must never crash a poll: even an unforeseen failure stays this source's error.
            logger.LogError(exception, "Unexpected failure fetching {Url}", attempt.Url);
            result = attempt.Failed($"unexpected error: {exception.GetType().Name}");
        }

        result = result with { Elapsed = timeProvider.GetElapsedTime(started), BytesRead = attempt.BytesRead };
        Log(request, result);
        return result;
    }

    private async Task<FetchResult> FollowAsync(FetchRequest request, IngestionOptions settings, FetchAttempt attempt, CancellationToken cancellationToken)
    {
        if (!IsFetchable(request.Url))
        {
            return attempt.Failed(FetchErrors.UnsupportedScheme(request.Url));
        }
        var client = httpClientFactory.CreateClient(HttpClientName);
        var visited = new HashSet<Uri> { request.Url };
        var redirects = 0;
        var allPermanent = true;
        while (true)
        {
            using var message = CreateRequest(attempt.Url, request);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            attempt.Status = status;
            if (status is not (301 or 302 or 303 or 307 or 308))
            {
                var permanentUrl = redirects > 0 && allPermanent ? attempt.Url : null;
                return await CompleteAsync(response, request, settings, attempt, permanentUrl, cancellationToken);
            }

            var location = response.Headers.Location;
            if (location is null)
            {
                return attempt.Failed($"{FetchErrors.Status(status)} without a usable Location header");
            }
            var next = location.IsAbsoluteUri ? location : new Uri(attempt.Url, location);
            if (!IsFetchable(next))
            {
                return attempt.Failed($"redirect to {FetchErrors.UnsupportedScheme(next)}");
            }
            if (redirects == settings.MaxRedirects)
            {
                return attempt.Failed($"more than {settings.MaxRedirects} redirects");
            }
            if (!visited.Add(next))
            {
                return attempt.Failed($"redirect loop: {next.AbsoluteUri} was already visited");
            }
            redirects++;
            allPermanent &= status is 301 or 308;
            attempt.Redirect(next);
        }
    }

    private async Task<FetchResult> CompleteAsync(
        HttpResponseMessage response,
        FetchRequest request,
        IngestionOptions settings,
        FetchAttempt attempt,
        Uri? permanentUrl,
        CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var etag = RawHeader(response.Headers, "ETag");
        var lastModified = RawHeader(response.Content.Headers, "Last-Modified");
        switch (status)
        {
            case 200 or 203:
                var body = await BoundedBody.ReadAsync(response.Content, settings.MaxBodyBytes, attempt, cancellationToken);
                if (body is null)
                {
                    return attempt.Failed(FetchErrors.BodyTooLarge(settings.MaxBodyBytes));
                }
                if (body.Length == 0)
                {
                    return attempt.Failed($"{FetchErrors.Status(status)} with an empty body");
                }
                return attempt.Result(FetchOutcome.Fetched) with
                {
                    PermanentUrl = permanentUrl,
                    Body = body,
                    ContentType = RawHeader(response.Content.Headers, "Content-Type"),
                    Links = response.Headers.NonValidated.TryGetValues("Link", out var links) ? [.. links] : [],
                    ETag = etag,
                    LastModified = lastModified,
                };
            case 304 when request.ETag is not null || request.LastModified is not null:
                // A 304 need not repeat the validators; the ones we sent are then still the current ones.
                return attempt.Result(FetchOutcome.NotModified) with
                {
                    PermanentUrl = permanentUrl,
                    ETag = etag ?? request.ETag,
                    LastModified = lastModified ?? request.LastModified,
                };
            case 304:
                return attempt.Failed($"{FetchErrors.Status(status)} to a request that was not conditional");
            case 410:
                return attempt.Result(FetchOutcome.Gone, FetchErrors.Status(status));
            case 429 or 503:
                return attempt.Result(FetchOutcome.RetryLater, FetchErrors.Status(status)) with
                {
                    RetryAfter = RetryAfter(response.Headers.RetryAfter, timeProvider.GetUtcNow()),
                };
            default:
                return attempt.Failed(FetchErrors.Status(status));
        }
    }

    private HttpRequestMessage CreateRequest(Uri url, FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.TryAddWithoutValidation("User-Agent", userAgent.Value);
        message.Headers.TryAddWithoutValidation("Accept", FeedAccept);
        // Validators go to every hop: after a temporary redirect they were issued by the target, not the stored URL.
        if (IsHeaderSafe(request.ETag))
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
        }
        if (IsHeaderSafe(request.LastModified))
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
        }
        return message;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static bool IsFetchable(Uri url) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && url.IdnHost.Length > 0;

    private static bool IsHeaderSafe(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(c => c is >= ' ' and not '\x7f');

    /// <summary>A header exactly as the server sent it (the parsed forms normalise, and drop values they cannot parse).</summary>
    private static string? RawHeader(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.First() : null;

    private static bool IsExpected(Exception exception) =>
        exception is HttpRequestException or IOException or InvalidDataException or OperationCanceledException;

    private void Log(FetchRequest request, FetchResult result)
    {
        // The poll's own log line carries the outcome and the error; this one is detail for debugging.
        logger.LogDebug(
            "Fetched {Url} as {FinalUrl}: {Outcome} {HttpStatus}, {BytesRead} bytes in {ElapsedMs} ms {Error}",
            request.Url, result.FinalUrl, result.Outcome, result.HttpStatus, result.BytesRead,
            (long)result.Elapsed.TotalMilliseconds, result.Error);
    }
}
