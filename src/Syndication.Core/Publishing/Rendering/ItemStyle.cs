namespace Syndication.Core.Publishing.Rendering;

/// <summary>How an article becomes an item: whole or lead, with or without images and Media RSS, and any attribution.</summary>
internal sealed record ItemStyle(bool FullText, bool Images, bool Media, string? Attribution)
{
    /// <summary>Public feeds: the lead, the lead image with Media RSS, no attribution.</summary>
    public static readonly ItemStyle Public = new(FullText: false, Images: true, Media: true, Attribution: null);

    public static ItemStyle Of(FeedDocument document) => new(document.FullText, document.Images, document.Media, document.Attribution);

    /// <summary>The images an item carries: none, every one (full text), or the lead image.</summary>
    public IReadOnlyList<FeedImage> ImagesOf(Articles.Article article) =>
        !Images ? [] : FullText ? FeedImage.Of(article) : [.. FeedImage.Of(article).Take(1)];

    /// <summary>The attribution as a paragraph of HTML, escaped, or "".</summary>
    public string AttributionHtml => Attribution is { Length: > 0 } line ? $"\n<p class=\"attribution\">{Text.Html.Escape(line)}</p>" : "";
}
