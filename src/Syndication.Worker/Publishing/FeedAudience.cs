using System.Globalization;

namespace Syndication.Worker.Publishing;

/// <summary>
/// Who a feed is rendered for: the public (lead and link, under <c>feeds/</c>, hub advertised) or partners (full text,
/// under <c>partners/feeds/</c> or <c>partners/{key}/feeds/</c>, so paging and archive links keep the key's form).
/// </summary>
public sealed record FeedAudience(string FeedRoot, bool FullText)
{
    private const string PublicRoot = "feeds/";

    public static readonly FeedAudience Public = new(PublicRoot, FullText: false);

    /// <summary>Partners: links stay in the URL form the key came in — in the path, or in a header.</summary>
    public static FeedAudience Partner(string? pathKey) =>
        new(pathKey is null ? "partners/feeds/" : string.Create(CultureInfo.InvariantCulture, $"partners/{pathKey}/feeds/"), FullText: true);

    public bool IsPublic => FeedRoot == PublicRoot;

    /// <summary>Partners with the embargo scope: articles dated ahead are in their feeds before they are public.</summary>
    public bool Embargoed { get; init; }

    /// <summary>Where the feed at a public path is kept in the feed cache for this audience: its path, and what else
    /// makes its documents differ from another audience's at that path.</summary>
    public string CacheKeyOf(string publicPath) => Embargoed ? PathOf(publicPath) + "#embargo" : PathOf(publicPath);

    /// <summary>The audience's path of a public feed path ("feeds/rss.xml" → "partners/feeds/rss.xml").</summary>
    public string PathOf(string publicPath) =>
        publicPath.StartsWith(PublicRoot, StringComparison.Ordinal) ? FeedRoot + publicPath[PublicRoot.Length..] : publicPath;

    /// <summary>The path a partner feed's id comes from: the same whichever form the key came in.</summary>
    public string? IdPathOf(string publicPath) => IsPublic ? null : "partners/" + publicPath;
}
