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

    /// <summary>Whether <see cref="Strip"/> would remove anything.</summary>
    public static bool ContainsInvalid(ReadOnlySpan<char> text) => IndexOfInvalid(text) >= 0;

    private static int IndexOfInvalid(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (true)
        {
            // Nearly all text is in U+0020–U+D7FF; the vectorised search skips it, the checks below see the rest.
            var next = text[i..].IndexOfAnyExceptInRange('\u0020', '\uD7FF');
            if (next < 0)
            {
                return -1;
            }
            i += next;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i += 2;
            }
            else if (IsAllowedSingle(c))
            {
                i++;
            }
            else
            {
                return i;
            }
        }
    }

    private static bool IsAllowedSingle(char c) =>
        c is '\t' or '\n' or '\r'
        || (c >= '\u0020' && c <= '\uD7FF')
        || (c >= '\uE000' && c <= '\uFFFD');
}
