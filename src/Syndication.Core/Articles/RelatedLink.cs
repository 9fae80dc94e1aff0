namespace Syndication.Core.Articles;

/// <summary>A teaser for another article that belongs to this one as a related link, not to its body.</summary>
public sealed record RelatedLink(string Title, string? Summary, string? Url = null);
