using System.Globalization;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;

namespace Syndication.Worker.Importing;

/// <summary>An article as the API returns it: the JSON Lines seed fields (so it can be sent back as it is), plus its id,
/// URL and state — "published", or "embargoed" until its publication time — and its correction, if any.</summary>
public sealed record ArticleJson(
    string Id,
    string Url,
    string State,
    string Slug,
    string Title,
    string? Lead,
    string Body,
    IReadOnlyList<string> Authors,
    string Section,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ArticleJson.Image> Images,
    IReadOnlyList<ArticleJson.Link> Related,
    string Published,
    string Updated,
    ArticleJson.Note? Correction)
{
    public static ArticleJson Of(Article article, Site site) => new(
        $"urn:uuid:{article.StableId:D}",
        site.ArticleUrl(article.Slug).AbsoluteUri,
        article.EmbargoedUntil is null ? "published" : "embargoed",
        article.Slug,
        article.Title,
        article.Lead,
        article.BodyHtml,
        article.Authors,
        article.Section.Name,
        article.Tags,
        [.. article.Images.Select(image => new Image(image.Url, image.Caption, image.MediaType, image.Length, image.Width, image.Height, image.Credit))],
        [.. article.Related.Select(link => new Link(link.Title, link.Summary, link.Url))],
        Time(article.Published, site),
        Time(article.Updated, site),
        article.Correction is { } correction ? new Note(correction.Text, correction.Time is { } time ? Time(time, site) : null) : null);

    private static string Time(DateTimeOffset time, Site site) => site.Local(time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public sealed record Image(string? Url, string? Caption, string? Type, long? Length, int? Width = null, int? Height = null, string? Credit = null);

    /// <summary>The correction note ("Đính chính") and when it was made; PUT accepts the same object, or a string.</summary>
    public sealed record Note(string Text, string? Time);

    public sealed record Link(string Title, string? Summary, string? Url);
}
