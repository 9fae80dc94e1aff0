using System.Security.Cryptography;
using System.Text;

namespace Syndication.Core.Articles;

/// <summary>What an article says, as an import or an editor supplies it, before the store gives it an identity.</summary>
public sealed record ArticleContent
{
    /// <summary>Identity of the article in its origin (a seed file's name, a JSON Lines slug); re-imports match on it.</summary>
    public required string SourceKey { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Lead { get; init; }
    public required string BodyHtml { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public required Section Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];
    public IReadOnlyList<RelatedLink> Related { get; init; } = [];
    public required DateTimeOffset Published { get; init; }
    /// <summary>An explicit last-edit time from the origin; when absent, a new article is as new as its publication and an edit is stamped with the time of the change.</summary>
    public DateTimeOffset? Updated { get; init; }
    /// <summary>A correction note ("Đính chính"); without a time, the store stamps the time of the change.</summary>
    public ArticleCorrection? Correction { get; init; }

    /// <summary>A SHA-256 over every field a reader sees, so an unchanged re-import is recognised.</summary>
    public string ComputeHash()
    {
        var text = new StringBuilder();
        void Field(string? value) => text.Append(value).Append('\u001F');
        Field(Slug);
        Field(Title);
        Field(Lead);
        Field(BodyHtml);
        Field(string.Join('\u001E', Authors));
        Field(Section.Slug);
        Field(Section.Name);
        Field(string.Join('\u001E', Tags));
        foreach (var image in Images)
        {
            Field(image.Url);
            Field(image.Caption);
            Field(image.MediaType);
            Field(image.Length?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Only when known, so the hashes of articles stored before sizes were kept stay as they were.
            if (image.Width is not null || image.Height is not null)
            {
                Field(image.Width?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Field(image.Height?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            // Likewise only when known, so hashes from before credits were kept stay as they were.
            if (image.Credit is not null)
            {
                Field(image.Credit);
            }
        }
        text.Append('\u001D');
        foreach (var link in Related)
        {
            Field(link.Title);
            Field(link.Summary);
            Field(link.Url);
        }
        Field(Published.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Field(Updated?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        // Only when there is one, so the hashes of articles stored before corrections existed stay as they were.
        if (Correction is { } correction)
        {
            text.Append('\u001C');
            Field(correction.Text);
            Field(correction.Time?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
