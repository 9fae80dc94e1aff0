using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.WebSub;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>
/// Where polling meets WebSub: a poll notes the hub its feed names (so the subscriber asks it), and while the hub
/// pushes, the next poll is stretched to the longest interval: polls remain as a safety net, the stored next poll
/// time stays the one schedule.
/// </summary>
public sealed class PushPolling(
    PushSubscriptionStore store,
    TimeProvider clock,
    IOptions<PushOptions> options,
    IOptions<IngestionOptions> ingestion,
    ILogger<PushPolling> logger)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>How long without a delivery before a subscription counts as silent.</summary>
    public TimeSpan Silence => TimeSpan.FromHours(options.Value.SilenceHours);

    /// <summary>Whether <paramref name="subscription"/>'s hub pushes now (verified, lease running, heard from within the silence allowed).</summary>
    public bool IsPushing(PushSubscription? subscription) => subscription is not null && subscription.IsPushing(clock.GetUtcNow(), Silence);

    /// <summary>The next poll of a source whose hub pushes: the longest poll interval from now, never earlier than <paramref name="current"/>.</summary>
    public DateTimeOffset StretchedPoll(DateTimeOffset? current)
    {
        var stretched = clock.GetUtcNow().AddMinutes(ingestion.Value.MaxIntervalMinutes);
        return current is { } scheduled && scheduled > stretched ? scheduled : stretched;
    }

    /// <summary>After a successful poll: notes the hub <paramref name="feed"/> names, and stretches <paramref name="nextPoll"/> while the hub pushes.</summary>
    public async Task<DateTimeOffset> AfterPollAsync(Source source, ParsedFeed? feed, DateTimeOffset nextPoll, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return nextPoll;
        }
        var subscription = await store.GetAsync(source.Id, cancellationToken);
        if (feed?.Hub is { } hub)
        {
            // The topic is what the feed calls itself, else the address we poll it at.
            var topic = feed.Self ?? source.Url;
            if ((subscription is null || subscription.HubUrl != hub || subscription.TopicUrl != topic)
                && await store.RecordHubAsync(source.Id, hub, topic, NewToken(), NewToken(), cancellationToken))
            {
                logger.LogInformation("Source {SourceId} names WebSub hub {Hub} for topic {Topic}: subscribing", source.Id, hub, topic);
                return nextPoll;
            }
        }
        return IsPushing(subscription) ? StretchedPoll(nextPoll) : nextPoll;
    }

    // 256 random bits, URL-safe: the callback token (unguessable, so only the hub we told can call it) and the secret.
    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
