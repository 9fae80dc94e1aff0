using Syndication.Core.Articles;

namespace Syndication.Core.Publishing;

/// <summary>One feed to render: its title, where it lives, the HTML page it mirrors, and its articles newest first.</summary>
public sealed record FeedDocument(string Title, string Description, string SelfPath, string AlternatePath, IReadOnlyList<Article> Articles)
{
    /// <summary>Paging, archive and hub links (RFC 5005, WebSub).</summary>
    public IReadOnlyList<FeedLink> Links { get; init; } = [];

    /// <summary>
    /// Whether items carry the whole article (body, figures, every image) — partner feeds — or only the lead, a link
    /// and the lead image, as public feeds do.
    /// </summary>
    public bool FullText { get; init; }

    /// <summary>Whether items carry the article's images (media elements, enclosure, figures in the content); a partner's
    /// profile may leave them out.</summary>
    public bool Images { get; init; } = true;

    /// <summary>Whether each image is described in Media RSS (<c>media:content</c> with its thumbnail, credit and caption).</summary>
    public bool Media { get; init; } = true;

    /// <summary>A line appended, HTML-escaped, to each item's content (a partner's attribution); null for none.</summary>
    public string? Attribution { get; init; }

    /// <summary>The path the feed's id is derived from, when it is not <see cref="SelfPath"/> (a partner's feed is
    /// the same feed whichever URL form its key came in).</summary>
    public string? IdPath { get; init; }

    /// <summary>An RFC 5005 archive document (fh:archive): its content is fixed once its period is over.</summary>
    public bool IsArchive { get; init; }

    /// <summary>Articles withdrawn from this feed (RFC 6721 tombstones in Atom, an extension in JSON Feed), newest first.</summary>
    public IReadOnlyList<DeletedArticle> Deleted { get; init; } = [];

    /// <summary>The newest edit or withdrawal among the articles, or <see cref="UpdatedWhenEmpty"/> for a feed of nothing:
    /// a withdrawal changes the feed, so it must move Last-Modified as an edit does.</summary>
    public DateTimeOffset Updated =>
        Articles.Count == 0 && Deleted.Count == 0
            ? UpdatedWhenEmpty
            : Articles.Select(article => article.Updated).Concat(Deleted.Select(deleted => deleted.Deleted)).Max();

    /// <summary>A fixed time for an empty feed, so it stays byte-stable; validators call dates before 1990 implausible.</summary>
    public DateTimeOffset UpdatedWhenEmpty { get; init; } = EmptyFeeds.Updated;
}
