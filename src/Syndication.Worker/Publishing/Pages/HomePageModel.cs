using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>The front page: the newest articles first, then the sections and the latest months to browse.</summary>
public sealed record HomePageModel(ArticleList List, IReadOnlyList<FacetSummary> Sections, IReadOnlyList<MonthCount> RecentMonths);
