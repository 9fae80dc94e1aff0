using System.Globalization;
using Syndication.Core.Ingestion.Parsing;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Turns a raw feed into a <see cref="ParsedFeed"/>: plain NFC titles, UTC dates, absolute http(s) URLs, sanitised HTML.</summary>
internal static class FeedNormaliser
{
    public static ParsedFeed Normalise(RawFeed raw, FeedParseContext context)
    {
        var zone = context.DefaultTimeZone;
        var entryBase = EntryBase(raw, context, out var link);
        var count = Math.Min(raw.Entries.Count, EntryLimits.Entries);
        var entries = new List<ParsedEntry>(count);
        if (raw.Early is { } early && early.IsCurrent(raw))
        {
            entries.AddRange(early.Entries.Take(count));
        }
        for (var i = entries.Count; i < count; i++)
        {
            entries.Add(Entry(raw.Entries[i], raw.Authors, entryBase, zone));
        }
        return new ParsedFeed(
            raw.Format ?? "rss2.0",
            Title(raw.Title),
            link,
            Title(raw.Description),
            PlainText.FromText(raw.Language),
            FirstDate(zone, raw.Updated),
            entries,
            Ttl(raw),
            LinkHeaderTarget("hub", context) ?? UrlResolver.Resolve(raw.Hub, raw.HubBase ?? raw.Base ?? context.FeedUrl),
            LinkHeaderTarget("self", context) ?? UrlResolver.Resolve(raw.Self, raw.SelfBase ?? raw.Base ?? context.FeedUrl));
    }

    /// <summary>The base entries resolve against: their feed's xml:base, else the feed's (the site's) link, else the feed's own URL.</summary>
    public static Uri? EntryBase(RawFeed raw, FeedParseContext context, out string? link)
    {
        link = UrlResolver.Resolve(raw.Link, raw.LinkBase ?? raw.Base ?? context.FeedUrl);
        return raw.Base ?? (link is null ? null : new Uri(link)) ?? context.FeedUrl;
    }

    /// <summary>One entry, normalised and within <see cref="EntryLimits"/>.</summary>
    public static ParsedEntry Entry(RawEntry raw, IReadOnlyList<string> feedAuthors, Uri? entryBase, TimeZoneInfo zone) =>
        EntryLimits.Apply(NormaliseEntry(raw, feedAuthors, entryBase, zone), entryBase);

    // WebSub §4: the HTTP Link header names the hub and self first; the feed's own links count only when it does not.
    private static string? LinkHeaderTarget(string relation, FeedParseContext context) =>
        context.LinkHeaders is { Count: > 0 } values ? UrlResolver.Resolve(LinkHeader.First(values, relation), context.FeedUrl) : null;

    private static ParsedEntry NormaliseEntry(RawEntry raw, IReadOnlyList<string> feedAuthors, Uri? feedBase, TimeZoneInfo zone)
    {
        var entryBase = raw.Base ?? feedBase;
        var authors = raw.AuthorsRead.Count > 0 ? raw.AuthorsRead : raw.SourceAuthorsRead.Count > 0 ? raw.SourceAuthorsRead : feedAuthors;
        return new ParsedEntry(
            PlainText.FromText(raw.Id),
            UrlResolver.Resolve(raw.Link, raw.LinkBase ?? entryBase),
            Title(raw.Title),
            FirstDate(zone, raw.Published, raw.PublishedFallback),
            FirstDate(zone, raw.Updated, raw.UpdatedFallback),
            Distinct(authors, AuthorName, EntryLimits.Authors),
            Html(raw.Summary, entryBase),
            Html(raw.Content, entryBase),
            Distinct(raw.CategoriesRead, PlainText.FromMarkup, EntryLimits.Categories),
            Enclosures(raw.EnclosuresRead, entryBase));
    }

    private static string? Title(RawText? text) => text switch
    {
        null => null,
        { Kind: TextKind.Text } => PlainText.FromText(EntryLimits.Raw(text.Value, EntryLimits.Title)),
        _ => PlainText.FromMarkup(EntryLimits.Raw(text.Value, EntryLimits.Title)),
    };

    private static string? Html(RawText? text, Uri? baseUri) => text switch
    {
        null => null,
        { Kind: TextKind.Text } => HtmlCleaner.Clean(HtmlText.Escape(EntryLimits.RawHtmlOf(text.Value).Trim()), text.Base ?? baseUri),
        { Kind: TextKind.SanitisedHtml } => text.Value.Length == 0 ? null : text.Value,
        _ => HtmlCleaner.Clean(EntryLimits.RawHtmlOf(text.Value), text.Base ?? baseUri),
    };

    private static DateTimeOffset? FirstDate(TimeZoneInfo zone, params ReadOnlySpan<string?> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (LenientDate.TryParse(candidate, zone, out var value))
            {
                return value.ToUniversalTime();
            }
        }
        return null;
    }

    /// <summary>
    /// The first <paramref name="limit"/> distinct cleaned values: no more are kept (<see cref="EntryLimits"/>), so none
    /// past them is cleaned or compared (an item with 5,000 categories took seconds when every one was).
    /// </summary>
    private static List<string> Distinct(IReadOnlyList<string> values, Func<string?, string?> clean, int limit)
    {
        var distinct = new List<string>(Math.Min(values.Count, limit));
        // By index: foreach over an IReadOnlyList boxes its enumerator.
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (distinct.Count == limit)
            {
                break;
            }
            var cleaned = clean(EntryLimits.Raw(value, EntryLimits.Name));
            if (cleaned is not null && !distinct.Contains(cleaned, StringComparer.OrdinalIgnoreCase))
            {
                distinct.Add(cleaned);
            }
        }
        return distinct;
    }

    /// <summary>RSS authors are often "email (Name)" or "Name &lt;email&gt;"; the name is what readers show.</summary>
    private static string? AuthorName(string? author)
    {
        var name = PlainText.FromMarkup(author);
        if (name is null || !name.Contains('@', StringComparison.Ordinal))
        {
            return name;
        }
        var open = name.IndexOf('(', StringComparison.Ordinal);
        var close = name.LastIndexOf(')');
        if (open >= 0 && close > open + 1)
        {
            return PlainText.FromText(name[(open + 1)..close]);
        }
        var angle = name.IndexOf('<', StringComparison.Ordinal);
        return angle > 0 ? PlainText.FromText(name[..angle]) : name;
    }

    private static List<Enclosure> Enclosures(IReadOnlyList<RawEnclosure> raw, Uri? entryBase)
    {
        // The first ones that can be kept at all (EntryLimits): the rest are neither resolved nor compared.
        var enclosures = new List<Enclosure>(Math.Min(raw.Count, EntryLimits.Enclosures));
        for (var i = 0; i < raw.Count; i++)
        {
            var enclosure = raw[i];
            if (enclosures.Count == EntryLimits.Enclosures)
            {
                break;
            }
            var url = UrlResolver.Resolve(enclosure.Url, enclosure.Base ?? entryBase);
            if (url is null || url.Length > EntryLimits.Link || enclosures.Exists(e => e.Url == url))
            {
                continue;
            }
            var length = long.TryParse(enclosure.Length?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
                ? bytes
                : (long?)null;
            enclosures.Add(new Enclosure(url, PlainText.FromText(enclosure.Type), length));
        }
        return enclosures;
    }

    private static TimeSpan? Ttl(RawFeed raw)
    {
        TimeSpan? ttl = int.TryParse(raw.TtlMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : null;
        TimeSpan? period = raw.UpdatePeriod?.Trim().ToLowerInvariant() switch
        {
            "hourly" => TimeSpan.FromHours(1),
            "daily" => TimeSpan.FromDays(1),
            "weekly" => TimeSpan.FromDays(7),
            "monthly" => TimeSpan.FromDays(30),
            "yearly" => TimeSpan.FromDays(365),
            _ => null,
        };
        if (period is { } p)
        {
            var frequency = int.TryParse(raw.UpdateFrequency, NumberStyles.None, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;
            period = p / frequency;
        }
        // Both given: the longer wait is the one that respects what the publisher asked.
        return ttl is null ? period : period is null ? ttl : ttl > period ? ttl : period;
    }
}
