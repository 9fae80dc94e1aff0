using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Syndication.Core.Alerts;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Rules;
using Syndication.Storage.Alerts;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Alerts;

/// <summary>
/// Turns what happened (an <see cref="AlertBatch"/>) into the deliveries each webhook asked for, with their event keys
/// and JSON bodies. Entry events count only for entries first seen after the webhook was registered.
/// </summary>
public sealed class AlertDecider(SiteProvider site, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Vietnamese stays readable in the body; what HTML cares about stays escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public IReadOnlyList<NewDelivery> Decide(AlertBatch batch)
    {
        var now = clock.GetUtcNow();
        var deliveries = new List<NewDelivery>();
        foreach (var webhook in batch.Webhooks)
        {
            if (webhook.Wants(AlertEvents.StoryMatched) && webhook.Words is { } words)
            {
                var rules = RuleSet.From([new EditorialRule(webhook.Id, null, RuleAction.Tag, "alert", RuleMatchKind.Words, words)]);
                foreach (var entry in batch.NewStories.Where(entry => entry.FirstSeen >= webhook.Created && Matches(rules, entry)))
                {
                    deliveries.Add(Delivery(webhook, AlertEvents.StoryMatched, $"{AlertEvents.StoryMatched}:{entry.Id}", now,
                        new { words, entry = Entry(entry) }));
                }
            }
            if (webhook.Wants(AlertEvents.ArticleCovered))
            {
                foreach (var coverage in batch.Coverage.Where(coverage => coverage.Entry.FirstSeen >= webhook.Created))
                {
                    deliveries.Add(Delivery(webhook, AlertEvents.ArticleCovered, $"{AlertEvents.ArticleCovered}:{coverage.ArticleId}:{coverage.Entry.Id}", now, new
                    {
                        article = new
                        {
                            id = coverage.ArticleId,
                            title = coverage.ArticleTitle,
                            url = site.Site.ArticleUrl(coverage.ArticleSlug).AbsoluteUri,
                            published = Time(coverage.ArticlePublished),
                        },
                        score = coverage.Score,
                        entry = Entry(coverage.Entry),
                    }));
                }
            }
            foreach (var source in batch.Sources)
            {
                if (webhook.Wants(AlertEvents.SourceFailing) && source.ConsecutiveFailures >= webhook.Failures)
                {
                    // One event per run of failures: the run is named by the last success before it.
                    var run = source.LastSuccess is { } success ? Time(success) : "never";
                    deliveries.Add(Delivery(webhook, AlertEvents.SourceFailing, $"{AlertEvents.SourceFailing}:{source.Id}:{run}", now, new
                    {
                        source = new
                        {
                            id = source.Id,
                            title = source.Title,
                            url = source.Url,
                            failures = source.ConsecutiveFailures,
                            lastStatus = source.LastStatus,
                            lastError = source.LastError,
                            lastSuccess = source.LastSuccess is { } last ? Time(last) : null,
                        },
                        threshold = webhook.Failures,
                    }));
                }
                if (webhook.Wants(AlertEvents.SourceSilent) && source.ConsecutiveFailures == 0 && SourceRhythm.IsSilent(source.Arrivals, now))
                {
                    // One event per silence: it is named by the last time something new came.
                    var lastNew = source.Arrivals.Max();
                    deliveries.Add(Delivery(webhook, AlertEvents.SourceSilent, $"{AlertEvents.SourceSilent}:{source.Id}:{Time(lastNew)}", now, new
                    {
                        source = new
                        {
                            id = source.Id,
                            title = source.Title,
                            url = source.Url,
                            lastNewEntry = Time(lastNew),
                            usualIntervalMinutes = Math.Round(SourceRhythm.UsualInterval(source.Arrivals)!.Value.TotalMinutes, 1),
                        },
                    }));
                }
            }
        }
        return deliveries;
    }

    private static bool Matches(RuleSet rules, AlertEntry entry) =>
        rules.Decide(new ParsedEntry(null, entry.Link, entry.Title, entry.Published, null, [], entry.SummaryHtml, entry.ContentHtml, [], []), entry.SourceId)
            .Matched.Count > 0;

    private static object Entry(AlertEntry entry) => new
    {
        id = entry.Id,
        title = entry.Title,
        url = entry.Link,
        published = entry.Published is { } published ? Time(published) : null,
        firstSeen = Time(entry.FirstSeen),
        story = entry.StoryId,
        source = new { id = entry.SourceId, title = entry.SourceTitle, url = entry.SourceUrl },
    };

    private static NewDelivery Delivery(Webhook webhook, string eventName, string key, DateTimeOffset now, object data)
    {
        var body = new Dictionary<string, object?>
        {
            ["event"] = eventName,
            ["key"] = key,
            ["occurred"] = Time(now),
            ["webhook"] = webhook.Id,
        };
        foreach (var property in JsonSerializer.SerializeToElement(data, Json).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }
        return new NewDelivery(webhook.Id, eventName, key, JsonSerializer.Serialize(body, Json));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
