using Syndication.Core.Articles;
using Syndication.Storage.Search;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>An article with what its page links to: related teasers that are archive articles (title → slug) and the
/// coverage other publishers gave its subject.</summary>
public sealed record ArticlePageModel(Article Article, IReadOnlyDictionary<string, string> RelatedSlugs, IReadOnlyList<RelatedEntry> Coverage);
