using Syndication.Core.Articles;

namespace Syndication.Core.Publishing;

/// <summary>One feed to render: its title, where it lives, the HTML page it mirrors, and its articles newest first.</summary>
public sealed record FeedDocument(string Title, string Description, string SelfPath, string AlternatePath, IReadOnlyList<Article> Articles)
{
    /// <summary>The newest edit among the articles; a feed of nothing is as old as the epoch, so it stays byte-stable.</summary>
    public DateTimeOffset Updated => Articles.Count == 0 ? DateTimeOffset.UnixEpoch : Articles.Max(article => article.Updated);
}
