using Microsoft.Extensions.Options;
using Syndication.Storage.WebSub;
using Syndication.Worker.Ingestion.Fetching;
using Syndication.Worker.Ingestion.Scheduling;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>
/// Asks hubs for the subscriptions that are due (new, to renew, to retry) through the fetcher's guarded client, asks
/// them to unsubscribe removed sources, and ends push for subscriptions whose lease lapsed or whose hub fell silent,
/// handing their sources back to polling.
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

    /// <summary>
    /// One round: lapsed subscriptions ended, removed sources' hubs asked to unsubscribe, then up to a batch of due
    /// subscriptions asked of their hubs; returns how many requests went to hubs.
    /// </summary>
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
        // Removed sources first: their hubs are asked to stop before anything new is asked.
        var ending = await store.EndRemovedAsync(clock.GetUtcNow().AddMinutes(options.Value.VerifyMinutes), cancellationToken);
        foreach (var subscription in ending)
        {
            await UnsubscribeAsync(subscription, cancellationToken);
        }
        var due = await store.DueAsync(BatchSize, cancellationToken);
        foreach (var subscription in due)
        {
            await SubscribeAsync(subscription, cancellationToken);
        }
        return ending.Count + due.Count;
    }

    /// <summary>Sends hub.mode=subscribe; the hub then checks our intent on the callback (which activates the lease).</summary>
    public async Task SubscribeAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Marked first: a hub may check our intent before it even answers this request.
        await store.MarkRequestedAsync(subscription.SourceId, clock.GetUtcNow().AddMinutes(settings.VerifyMinutes), cancellationToken);
        var error = await AskAsync(subscription, "subscribe",
        [
            new("hub.secret", subscription.Secret),
            new("hub.lease_seconds", settings.LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], cancellationToken);
        if (error is null)
        {
            logger.LogInformation(
                "Asked WebSub hub {Hub} to subscribe source {SourceId} to {Topic} for {LeaseSeconds} s; waiting for its check of intent",
                subscription.HubUrl, subscription.SourceId, subscription.TopicUrl, settings.LeaseSeconds);
            return;
        }
        logger.LogWarning("WebSub hub {Hub} did not take the subscription of source {SourceId}: {Error}; asking again in {Minutes} min",
            subscription.HubUrl, subscription.SourceId, error, settings.RetryMinutes);
        if (await store.MarkFailedAsync(subscription.SourceId, "subscribe: " + error, clock.GetUtcNow().AddMinutes(settings.RetryMinutes), CancellationToken.None))
        {
            // The renewal failed after the lease ran out: push ended with it.
            logger.LogWarning(
                "WebSub push for source {SourceId} from hub {Hub} ended (its lease expired): polling takes back its rhythm",
                subscription.SourceId, subscription.HubUrl);
            services.GetService<PollDispatcher>()?.Wake();
        }
    }

    /// <summary>
    /// Sends hub.mode=unsubscribe for a removed source's subscription, once: the hub then checks our intent on the
    /// callback (which drops the row). When the hub does not take it, the row is dropped now and the lease runs out.
    /// </summary>
    public async Task UnsubscribeAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        var error = await AskAsync(subscription, "unsubscribe", [], cancellationToken);
        if (error is null)
        {
            logger.LogInformation(
                "Asked WebSub hub {Hub} to unsubscribe removed source {SourceId} from {Topic}; waiting for its check of intent",
                subscription.HubUrl, subscription.SourceId, subscription.TopicUrl);
            return;
        }
        logger.LogWarning(
            "WebSub hub {Hub} did not take the unsubscription of removed source {SourceId}: {Error}; dropped, the lease runs out at the hub",
            subscription.HubUrl, subscription.SourceId, error);
        await store.DropUnsubscribingAsync(subscription.Token, CancellationToken.None);
    }

    // One request to the hub through the guarded client (no internal addresses unless allowed); null when it took it (2xx), else why not.
    private async Task<string?> AskAsync(
        PushSubscription subscription, string mode, KeyValuePair<string, string>[] more, CancellationToken cancellationToken)
    {
        var hub = new Uri(subscription.HubUrl);
        var timeout = TimeSpan.FromSeconds(ingestion.Value.RequestTimeoutSeconds);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Post, hub)
            {
                Content = new FormUrlEncodedContent(
                [
                    new("hub.mode", mode),
                    new("hub.topic", subscription.TopicUrl),
                    new("hub.callback", CallbackUrl(subscription.Token).AbsoluteUri),
                    .. more,
                ]),
            };
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent.Value);
            using var response = await httpClientFactory.CreateClient(FeedFetcher.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}{await AnswerAsync(response, deadline.Token)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"the hub did not answer within {timeout.TotalSeconds:0} s";
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException)
        {
            return FetchErrors.Describe(failure, hub, TimeSpan.FromSeconds(ingestion.Value.ConnectTimeoutSeconds));
        }
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
