using System.Globalization;
using Syndication.Core.Articles;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>An article's correction as readers see it above the article: "Đính chính (17:03, 29/07/2021): …".</summary>
public static class CorrectionNote
{
    public const string Label = "Đính chính";

    /// <summary>When it was made, as the newspaper dates things, in the archive's zone.</summary>
    public static string TimeText(Site site, ArticleCorrection correction) =>
        correction.Time is { } time ? site.Local(time).ToString("HH:mm, dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    /// <summary>One line of plain text.</summary>
    public static string Text(Site site, ArticleCorrection correction) =>
        correction.Time is null ? $"{Label}: {correction.Text}" : $"{Label} ({TimeText(site, correction)}): {correction.Text}";

    /// <summary>A paragraph of HTML, the note escaped.</summary>
    public static string Html(Site site, ArticleCorrection correction) =>
        correction.Time is null
            ? $"<p class=\"correction\"><strong>{Label}:</strong> {Syndication.Core.Text.Html.Escape(correction.Text)}</p>"
            : $"<p class=\"correction\"><strong>{Label}</strong> ({TimeText(site, correction)}): {Syndication.Core.Text.Html.Escape(correction.Text)}</p>";
}
