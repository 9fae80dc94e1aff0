using System.Text;

namespace Syndication.Core.Text;

/// <summary>Cleans a line of text from an import: NFC, no forbidden characters, no-break spaces as spaces, trimmed.</summary>
public static class TextCleaner
{
    public static string Clean(string text)
    {
        var normalized = Nfc.Normalize(XmlChars.Strip(text)).Replace('\u00A0', ' ');
        return CollapseSpaces(normalized.Trim());
    }

    /// <summary>Blank exactly when cleaning leaves nothing (zero-width characters count as nothing too).</summary>
    public static bool IsBlank(string line) => Clean(line).AsSpan().Trim("\u200B\uFEFF").IsEmpty;

    private static string CollapseSpaces(string text)
    {
        if (!text.Contains("  ", StringComparison.Ordinal))
        {
            return text;
        }
        var collapsed = new StringBuilder(text.Length);
        var previousSpace = false;
        foreach (var c in text)
        {
            var isSpace = c == ' ';
            if (!(isSpace && previousSpace))
            {
                collapsed.Append(c);
            }
            previousSpace = isSpace;
        }
        return collapsed.ToString();
    }
}
