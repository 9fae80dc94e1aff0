using Syndication.Core.Articles;

namespace Syndication.Core.Publishing;

/// <summary>Who publishes and where: the public base URL, the newspaper's name, language and time zone.</summary>
public sealed record Site(Uri BaseUrl, string Name, string Description, string Language, TimeZoneInfo TimeZone)
{
    /// <summary>The icons readers show beside the site's feeds; null writes none.</summary>
    public SiteIcons? Icons { get; init; }

    public Uri Url(string relativePath) => new(BaseUrl, relativePath.TrimStart('/'));

    public Uri ArticleUrl(string slug) => Url("articles/" + Uri.EscapeDataString(slug));

    public Uri SectionPageUrl(Section section) => Url("sections/" + section.Slug);

    /// <summary>A UTC time as the archive's readers see it, with the archive's offset.</summary>
    public DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, TimeZone);
}
