using Syndication.Core.Articles;

namespace Syndication.Storage.Articles;

/// <summary>A section with how many articles it holds.</summary>
public sealed record SectionSummary(Section Section, int ArticleCount);
