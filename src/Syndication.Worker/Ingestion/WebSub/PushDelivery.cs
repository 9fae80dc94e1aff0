using System.Globalization;
using Microsoft.Extensions.Options;
using Syndication.Storage.Ingestion;
using Syndication.Storage.WebSub;
using Syndication.Worker.Ingestion.Polling;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>
/// Answers the hubs at our callback: the check of our intent (echo the challenge only for a subscription — or an
/// unsubscription — we asked for, on its topic), a denial, and deliveries — stored like a poll when signed with the
/// subscription's secret, and otherwise counted, logged and ignored.
/// </summary>
public sealed class PushDelivery(
    PushSubscriptionStore store,
    SourceStore sources,
    SourcePoller poller,
    PushPolling polling,
    TimeProvider clock,
    IOptions<PushOptions> options,
    IOptions<IngestionOptions> ingestion,
    ILogger<PushDelivery> logger)
{
    // A denial is seldom undone soon: asked again after a day, or the retry wait when that is longer.
    private static readonly TimeSpan DeniedWait = TimeSpan.FromDays(1);

    /// <summary>GET on the callback: hub.mode subscribe or unsubscribe (answered with hub.challenge) or denied; anything not ours is 404.</summary>
    public async Task<IResult> VerifyAsync(string token, IQueryCollection query, CancellationToken cancellationToken)
    {
        var mode = query["hub.mode"].ToString();
        var topic = query["hub.topic"].ToString();
        if (topic.Length == 0)
        {
            return Results.Text("hub.topic is missing", statusCode: StatusCodes.Status400BadRequest);
        }
        var now = clock.GetUtcNow();
        var challenge = query["hub.challenge"].ToString();
        if (challenge.Length == 0 && mode is "subscribe" or "unsubscribe")
        {
            return Results.Text("hub.challenge is missing", statusCode: StatusCodes.Status400BadRequest);
        }
        switch (mode)
        {
            case "subscribe":
                // The hub grants the lease; without one, the lease we asked for.
                var lease = int.TryParse(query["hub.lease_seconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var granted) && granted > 0
                    ? granted : options.Value.LeaseSeconds;
                var renewAt = now.AddSeconds(lease) - TimeSpan.FromSeconds(Math.Min(lease * 0.2, TimeSpan.FromDays(1).TotalSeconds));
                var verified = await store.VerifyAsync(token, topic, lease, renewAt, polling.StretchedPoll(null), cancellationToken);
                if (verified is null)
                {
                    logger.LogWarning("Refused a WebSub check of intent for topic {Topic}: no subscription of ours asked for it", topic);
                    return Results.NotFound();
                }
                logger.LogInformation(
                    "WebSub hub {Hub} verified the subscription of source {SourceId} to {Topic}: lease {LeaseSeconds} s, until {Expires:u}",
                    verified.HubUrl, verified.SourceId, topic, lease, verified.LeaseExpires);
                return Results.Text(challenge, "text/plain", statusCode: StatusCodes.Status200OK);
            case "denied":
                var reason = query["hub.reason"].ToString();
                var retry = TimeSpan.FromMinutes(options.Value.RetryMinutes);
                if (!await store.DenyAsync(token, topic, reason.Length == 0 ? null : reason, now + (retry > DeniedWait ? retry : DeniedWait), cancellationToken))
                {
                    return Results.NotFound();
                }
                logger.LogWarning("WebSub hub denied the subscription to {Topic}: {Reason}", topic, reason);
                return Results.Ok();
            case "unsubscribe":
                // Only for a removed source's subscription we asked the hub to end; the row goes with the answer.
                var ended = await store.UnsubscribedAsync(token, topic, cancellationToken);
                if (ended is null)
                {
                    logger.LogWarning("Refused a WebSub check of intent to unsubscribe from {Topic}: we did not ask for it", topic);
                    return Results.NotFound();
                }
                logger.LogInformation("WebSub hub {Hub} ended the subscription of removed source {SourceId} to {Topic}", ended.HubUrl, ended.SourceId, topic);
                return Results.Text(challenge, "text/plain", statusCode: StatusCodes.Status200OK);
            default:
                return Results.Text("hub.mode must be subscribe, unsubscribe or denied", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>POST on the callback: a delivery of the topic's new content.</summary>
    public async Task<IResult> DeliverAsync(string token, HttpRequest request, CancellationToken cancellationToken)
    {
        var subscription = await store.GetByTokenAsync(token, cancellationToken);
        if (subscription is null)
        {
            // 410 tells a hub the subscription is gone for good (WebSub §7 lets it end the subscription then).
            return Results.StatusCode(StatusCodes.Status410Gone);
        }
        var limit = ingestion.Value.MaxBodyBytes;
        if (request.ContentLength > limit || await ReadBoundedAsync(request.Body, limit, cancellationToken) is not { } body)
        {
            logger.LogWarning("Refused a WebSub delivery for source {SourceId}: larger than {Limit} bytes", subscription.SourceId, limit);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var check = HubSignature.Check(request.Headers[HubSignature.Header].ToString(), subscription.Secret, body);
        if (check != HubSignatureCheck.Valid)
        {
            // Ignored but acknowledged, as WebSub allows: a forger learns nothing from the answer.
            await store.RecordDeliveryAsync(subscription.SourceId, accepted: false, CancellationToken.None);
            logger.LogWarning("Ignored a WebSub delivery of {Bytes} bytes for source {SourceId}: signature {Check}", body.Length, subscription.SourceId, check);
            return Results.Accepted();
        }
        var source = await sources.GetAsync(subscription.SourceId, cancellationToken);
        if (source is not { IsActive: true })
        {
            logger.LogInformation("Ignored a WebSub delivery for source {SourceId}: it is no longer polled", subscription.SourceId);
            return Results.Accepted();
        }
        var (saved, _) = await poller.StorePushedAsync(source, body, request.ContentType, polling.StretchedPoll(source.NextPoll), cancellationToken);
        if (saved is not null)
        {
            await store.RecordDeliveryAsync(subscription.SourceId, accepted: true, CancellationToken.None);
        }
        return Results.Accepted();
    }

    // The body, or null when it is longer than the limit (counted as read, whatever Content-Length said).
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > limit)
            {
                return null;
            }
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }
}
