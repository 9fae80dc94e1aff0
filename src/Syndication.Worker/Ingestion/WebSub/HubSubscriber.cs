using Microsoft.Extensions.Options;
using Syndication.Storage.WebSub;
using Syndication.Worker.Ingestion.Fetching;
using Syndication.Worker.Ingestion.Scheduling;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>
/// Asks hubs for the subscriptions that are due (new, to renew, to retry) through the fetcher's guarded client, and
/// ends push for subscriptions whose lease lapsed or whose hub fell silent, handing their sources back to polling.
/// </summary>
public sealed class HubSubscriber(
    PushSubscriptionStore store,
    IHttpClientFactory httpClientFactory,
    UserAgent userAgent,
    SiteProvider site,
    TimeProvider clock,
    IOptions<PushOptions> options,
    IOptions<IngestionOptions> ingestion,
    IServiceProvider services,
    ILogger<HubSubscriber> logger)
{
    private const int BatchSize = 100;
    private const int AnswerShown = 300;

    /// <summary>Where the hub calls us for this subscription: CALLBACK-BASE/websub/callback/TOKEN.</summary>
    public Uri CallbackUrl(string token)
    {
        var configured = options.Value.CallbackBaseUrl;
        var callbackBase = string.IsNullOrWhiteSpace(configured) ? site.Site.BaseUrl : new Uri(configured.TrimEnd('/') + "/");
        return new Uri(callbackBase, PushCallbackEndpoints.Prefix.TrimStart('/') + "/" + Uri.EscapeDataString(token));
    }

    /// <summary>One round: lapsed subscriptions ended, then up to a batch of due ones asked of their hubs; returns how many were asked.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var silence = TimeSpan.FromHours(options.Value.SilenceHours);
        var lapsed = await store.LapseAsync(clock.GetUtcNow() - silence, cancellationToken);
        foreach (var subscription in lapsed)
        {
            var why = subscription.LeaseExpires <= clock.GetUtcNow() ? "its lease expired" : "nothing was delivered for " + options.Value.SilenceHours + " h";
            logger.LogWarning(
                "WebSub push for source {SourceId} from hub {Hub} ended ({Why}): polling takes back its rhythm and the hub is asked again",
                subscription.SourceId, subscription.HubUrl, why);
        }
        if (lapsed.Count > 0)
        {
            services.GetService<PollDispatcher>()?.Wake();
        }
        if (string.IsNullOrWhiteSpace(options.Value.CallbackBaseUrl) && !site.BaseUrlKnown)
        {
            // Starting: the server does not listen yet, so there is no callback a hub could reach; the next round asks.
            return 0;
        }
        var due = await store.DueAsync(BatchSize, cancellationToken);
        foreach (var subscription in due)
        {
            await SubscribeAsync(subscription, cancellationToken);
        }
        return due.Count;
    }

    /// <summary>Sends hub.mode=subscribe; the hub then checks our intent on the callback (which activates the lease).</summary>
    public async Task SubscribeAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var hub = new Uri(subscription.HubUrl);
        var callback = CallbackUrl(subscription.Token);
        // Marked first: a hub may check our intent before it even answers this request.
        await store.MarkRequestedAsync(subscription.SourceId, clock.GetUtcNow().AddMinutes(settings.VerifyMinutes), cancellationToken);
        var timeout = TimeSpan.FromSeconds(ingestion.Value.RequestTimeoutSeconds);
        string? error;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, hub)
            {
                Content = new FormUrlEncodedContent(
                [
                    new("hub.mode", "subscribe"),
                    new("hub.topic", subscription.TopicUrl),
                    new("hub.callback", callback.AbsoluteUri),
                    new("hub.secret", subscription.Secret),
                    new("hub.lease_seconds", settings.LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ]),
            };
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent.Value);
            using var response = await httpClientFactory.CreateClient(FeedFetcher.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}{await AnswerAsync(response, deadline.Token)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"the hub did not answer within {timeout.TotalSeconds:0} s";
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException)
        {
            error = FetchErrors.Describe(failure, hub, TimeSpan.FromSeconds(ingestion.Value.ConnectTimeoutSeconds));
        }
        if (error is null)
        {
            logger.LogInformation(
                "Asked WebSub hub {Hub} to subscribe source {SourceId} to {Topic} for {LeaseSeconds} s; waiting for its check of intent",
                hub, subscription.SourceId, subscription.TopicUrl, settings.LeaseSeconds);
            return;
        }
        logger.LogWarning("WebSub hub {Hub} did not take the subscription of source {SourceId}: {Error}; asking again in {Minutes} min",
            hub, subscription.SourceId, error, settings.RetryMinutes);
        await store.MarkFailedAsync(subscription.SourceId, "subscribe: " + error, clock.GetUtcNow().AddMinutes(settings.RetryMinutes), CancellationToken.None);
    }

    // The start of the hub's answer, on one line: it usually says why (an unknown topic, a callback it cannot reach).
    private static async Task<string> AnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[AnswerShown];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var text = new string([.. System.Text.Encoding.UTF8.GetString(buffer, 0, read).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
            return text.Length == 0 ? "" : ": " + text;
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException or OperationCanceledException)
        {
            return "";
        }
    }
}
