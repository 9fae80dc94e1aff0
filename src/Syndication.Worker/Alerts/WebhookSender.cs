using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Syndication.Core.Alerts;
using Syndication.Storage.Alerts;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Alerts;

/// <summary>
/// Sends one delivery: a signed JSON POST through the same public-address guard as the feed fetcher (the webhook's host
/// is resolved and checked at each connection), no redirects followed. Failures come back as an outcome, never thrown.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, UserAgent userAgent, TimeProvider clock, IOptions<AlertOptions> options)
{
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "X-Syndication-Event";
    public const string DeliveryHeader = "X-Syndication-Delivery";

    public async Task<DeliveryOutcome> SendAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        DeliveryOutcome Outcome(int? status, string? error) => new(status, error, clock.GetElapsedTime(started));
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent.Value);
        request.Headers.Add(EventHeader, delivery.Event);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Header(delivery.Secret, clock.GetUtcNow(), body));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return Outcome(status, response.IsSuccessStatusCode ? null : $"HTTP {status}");
        }
        catch (HttpRequestException error)
        {
            // A refused address says which and why (ForbiddenAddressException's message); others name the socket error.
            return Outcome(null, error.InnerException is ForbiddenAddressException refused ? refused.Message : error.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome(null, $"no answer within {options.Value.TimeoutSeconds} s");
        }
    }
}
