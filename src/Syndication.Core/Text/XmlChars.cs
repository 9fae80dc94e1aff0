using System.Text;

namespace Syndication.Core.Text;

/// <summary>Removes the characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF).</summary>
public static class XmlChars
{
    public static string Strip(string text)
    {
        var firstBad = IndexOfInvalid(text);
        if (firstBad < 0)
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (IsAllowedSingle(c))
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }

    public static string? StripOrNull(string? text) => text is null ? null : Strip(text);

    private static int IndexOfInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowedSingle(c))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsAllowedSingle(char c) =>
        c is '\t' or '\n' or '\r'
        || (c >= '\u0020' && c <= '\uD7FF')
        || (c >= '\uE000' && c <= '\uFFFD');
}
