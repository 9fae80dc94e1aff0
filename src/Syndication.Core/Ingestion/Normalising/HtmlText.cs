using System.Text;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Turns plain text into HTML: escaped as it is, or as paragraphs split at blank lines.</summary>
internal static class HtmlText
{
    public static string Escape(string text) => Html.Escape(text);

    public static string Paragraphs(string text)
    {
        var html = new StringBuilder(text.Length + 32);
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(Html.Escape(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }
        return html.ToString();
    }
}
