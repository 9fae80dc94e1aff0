using System.Globalization;
using System.Text.RegularExpressions;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing;

/// <summary>What a feed URL names: site, facet, archive month, related coverage (all, a section's, an article's), and its format.</summary>
public sealed partial record FeedAddress(FeedKind Kind, FeedFormat Format, string? Slug = null, int Year = 0, int Month = 0)
{
    /// <summary>Reads a path below the site ("feeds/tags/ca-phe/feed.json"); null when it names no feed.</summary>
    public static FeedAddress? Parse(string path)
    {
        var match = Pattern().Match(path.TrimStart('/'));
        if (!match.Success)
        {
            return null;
        }
        if (match.Groups["article"].Success)
        {
            return new FeedAddress(FeedKind.ArticleRelated, FeedFormat.Atom, match.Groups["article"].Value);
        }
        if (match.Groups["year"].Success)
        {
            var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            // Year 0000 is no calendar year (DateOnly cannot hold it): a month there is unknown like any other.
            return year >= 1 && month is >= 1 and <= 12
                ? new FeedAddress(FeedKind.Archive, FeedFormat.Atom, null, year, month)
                : null;
        }
        var format = match.Groups["file"].Value switch
        {
            "rss.xml" => FeedFormat.Rss,
            "atom.xml" => FeedFormat.Atom,
            _ => FeedFormat.JsonFeed,
        };
        var kind = match.Groups["kind"].Value switch
        {
            "sections" => FeedKind.Section,
            "authors" => FeedKind.Author,
            "tags" => FeedKind.Tag,
            "related" => match.Groups["slug"].Success ? FeedKind.SectionRelated : FeedKind.Related,
            _ => FeedKind.Site,
        };
        var slug = match.Groups["slug"].Success ? match.Groups["slug"].Value : null;
        return (kind is FeedKind.Site or FeedKind.Related) == (slug is null) ? new FeedAddress(kind, format, slug) : null;
    }

    public static FeedAddress Archive(int year, int month) => new(FeedKind.Archive, FeedFormat.Atom, null, year, month);

    public static FeedAddress Site(FeedFormat format) => new(FeedKind.Site, format);

    /// <summary>The path below the site, the inverse of <see cref="Parse"/>.</summary>
    public string Path => Kind switch
    {
        FeedKind.Site => "feeds/" + Format.FileName(),
        FeedKind.Related => "feeds/related/" + Format.FileName(),
        FeedKind.Archive => string.Create(CultureInfo.InvariantCulture, $"feeds/archive/{Year:D4}-{Month:D2}.atom"),
        FeedKind.SectionRelated => $"feeds/related/sections/{Slug}/{Format.FileName()}",
        FeedKind.ArticleRelated => $"feeds/articles/{Slug}/related.atom",
        _ => $"feeds/{Kind.ToString().ToLowerInvariant()}s/{Slug}/{Format.FileName()}",
    };

    /// <summary>The articles a site or facet feed shows (or whose coverage a section's related feed shows); null for the others.</summary>
    public ArticleFacet? Facet => Kind switch
    {
        FeedKind.Site => ArticleFacet.Site,
        FeedKind.Section or FeedKind.SectionRelated => new ArticleFacet(FacetKind.Section, Slug),
        FeedKind.Author => new ArticleFacet(FacetKind.Author, Slug),
        FeedKind.Tag => new ArticleFacet(FacetKind.Tag, Slug),
        _ => null,
    };

    [GeneratedRegex(@"^feeds/(?:(?:(?<kind>sections|authors|tags)/(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)/|(?<kind>related)/(?:sections/(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)/)?)?(?<file>rss\.xml|atom\.xml|feed\.json)|archive/(?<year>\d{4})-(?<month>\d{2})\.atom|articles/(?<article>[a-z0-9]+(?:-[a-z0-9]+)*)/related\.atom)$")]
    private static partial Regex Pattern();
}

/// <summary>The kinds of feed we publish.</summary>
public enum FeedKind
{
    Site,
    Section,
    Author,
    Tag,
    Archive,
    Related,
    /// <summary>The related coverage of one section's articles.</summary>
    SectionRelated,
    /// <summary>The related coverage of one article.</summary>
    ArticleRelated,
}
