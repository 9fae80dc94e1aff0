using System.Globalization;
using Syndication.Core.Publishing;
using Syndication.Storage.Articles;

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
    public static FeedAudience Partner(string? pathKey) => Partner(pathKey, PartnerProfile.Default);

    /// <summary>A partner whose feeds follow a profile (lead or full text, images, Media RSS, sections, attribution).</summary>
    public static FeedAudience Partner(string? pathKey, PartnerProfile profile) =>
        new(pathKey is null ? "partners/feeds/" : string.Create(CultureInfo.InvariantCulture, $"partners/{pathKey}/feeds/"), profile.FullText)
        {
            Profile = profile,
        };

    /// <summary>The partner's profile; null for the public.</summary>
    public PartnerProfile? Profile { get; init; }

    public bool IsPublic => FeedRoot == PublicRoot;

    /// <summary>Partners with the embargo scope: articles dated ahead are in their feeds before they are public.</summary>
    public bool Embargoed { get; init; }

    /// <summary>Where the feed at a public path is kept in the feed cache for this audience: its path, and what else
    /// makes its documents differ from another audience's at that path — the embargo, and the profile (partners with
    /// the same profile share documents; partners with different ones never do).</summary>
    public string CacheKeyOf(string publicPath) =>
        PathOf(publicPath) + (Embargoed ? "#embargo" : "") + (Profile is { } profile ? "#" + profile.Fingerprint : "");

    /// <summary>A facet as this audience sees it: with articles under embargo for embargo partners, within the profile's sections.</summary>
    public ArticleFacet Narrow(ArticleFacet facet) => facet with { IncludeEmbargoed = Embargoed, Sections = Profile?.Sections };

    /// <summary>The audience's path of a public feed path ("feeds/rss.xml" → "partners/feeds/rss.xml").</summary>
    public string PathOf(string publicPath) =>
        publicPath.StartsWith(PublicRoot, StringComparison.Ordinal) ? FeedRoot + publicPath[PublicRoot.Length..] : publicPath;

    /// <summary>The path a partner feed's id comes from: the same whichever form the key came in.</summary>
    public string? IdPathOf(string publicPath) => IsPublic ? null : "partners/" + publicPath;
}
