using Syndication.Core.Text;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Partners;

/// <summary>
/// What a partner key may reach: <c>feeds</c> (every article feed: site, sections, authors, tags, archive),
/// <c>section:SLUG</c> / <c>author:SLUG</c> / <c>tag:SLUG</c> (that facet's feeds only), <c>related</c> (the related
/// coverage feed), <c>embargo</c> (articles under embargo in the feeds the key reaches), and <c>admin</c> (the admin
/// pages and APIs, and every feed).
/// </summary>
public static class PartnerScopes
{
    public const string Feeds = "feeds";
    public const string Related = "related";
    public const string Admin = "admin";

    /// <summary>Not a reach of its own: the feeds the key reaches also carry articles under embargo, ahead of their time.</summary>
    public const string Embargo = "embargo";

    private static readonly string[] FacetPrefixes = ["section:", "author:", "tag:"];

    /// <summary>Why a scope is not valid, or null when it is.</summary>
    public static string? Validate(string scope)
    {
        if (scope is Feeds or Related or Admin or Embargo)
        {
            return null;
        }
        var prefix = FacetPrefixes.FirstOrDefault(p => scope.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null)
        {
            return $"unknown scope '{scope}': use feeds, related, embargo, admin, section:SLUG, author:SLUG or tag:SLUG";
        }
        var slug = scope[prefix.Length..];
        return slug.Length > 0 && Slugifier.Slugify(slug) == slug
            ? null
            : $"scope '{scope}': '{slug}' is not a slug (lowercase ASCII words joined by hyphens)";
    }

    /// <summary>Whether feeds for these scopes carry articles under embargo (admin keys see everything).</summary>
    public static bool SeesEmbargoed(IReadOnlyCollection<string> scopes) => scopes.Contains(Embargo) || scopes.Contains(Admin);

    /// <summary>Whether these scopes reach a feed.</summary>
    public static bool Allows(IReadOnlyCollection<string> scopes, FeedAddress address)
    {
        if (scopes.Contains(Admin))
        {
            return true;
        }
        return address.Kind switch
        {
            FeedKind.Related or FeedKind.SectionRelated or FeedKind.ArticleRelated => scopes.Contains(Related),
            FeedKind.Site or FeedKind.Archive => scopes.Contains(Feeds),
            _ => scopes.Contains(Feeds) || scopes.Contains($"{address.Kind.ToString().ToLowerInvariant()}:{address.Slug}"),
        };
    }
}
