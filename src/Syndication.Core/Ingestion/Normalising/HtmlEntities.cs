using System.Globalization;
using System.Text;
using AngleSharp.Html;
using Syndication.Core.Ingestion.Decoding;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Character references as browsers read them: every HTML5 named entity, decimal and hex references.</summary>
internal static class HtmlEntities
{
    // Longer than any HTML5 entity name ("CounterClockwiseContourIntegral"), so a longer run is no reference.
    private const int MaxNameLength = 40;

    /// <summary>Finds the reference that starts at text[ampersand]; Length 0 means a bare ampersand.</summary>
    public static CharacterReference Match(ReadOnlySpan<char> text, int ampersand)
    {
        var i = ampersand + 1;
        if (i < text.Length && text[i] == '#')
        {
            return MatchNumeric(text, i + 1, ampersand);
        }
        var nameStart = i;
        while (i < text.Length && i - nameStart <= MaxNameLength && char.IsAsciiLetterOrDigit(text[i]))
        {
            i++;
        }
        if (i == nameStart || i >= text.Length || text[i] != ';' || !char.IsAsciiLetter(text[nameStart]))
        {
            return default;
        }
        var name = text.Slice(nameStart, i - nameStart).ToString();
        var symbol = HtmlEntityProvider.Resolver.GetSymbol(name + ";");
        return new CharacterReference(i + 1 - ampersand, name, symbol);
    }

    /// <summary>Decodes every reference it recognises; anything else, bare ampersands included, stays as written.</summary>
    public static string Decode(string text)
    {
        var ampersand = text.IndexOf('&', StringComparison.Ordinal);
        if (ampersand < 0)
        {
            return text;
        }
        var decoded = new StringBuilder(text.Length);
        var copied = 0;
        while (ampersand >= 0)
        {
            var reference = Match(text, ampersand);
            if (reference.Length > 0 && reference.Text is not null)
            {
                decoded.Append(text, copied, ampersand - copied).Append(reference.Text);
                copied = ampersand + reference.Length;
            }
            ampersand = text.IndexOf('&', ampersand + Math.Max(reference.Length, 1));
        }
        return decoded.Append(text, copied, text.Length - copied).ToString();
    }

    private static CharacterReference MatchNumeric(ReadOnlySpan<char> text, int start, int ampersand)
    {
        var hex = start < text.Length && text[start] is 'x' or 'X';
        var i = hex ? start + 1 : start;
        var digitsStart = i;
        while (i < text.Length && i - digitsStart < 8 && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
        {
            i++;
        }
        if (i == digitsStart || i >= text.Length || text[i] != ';')
        {
            return default;
        }
        var digits = text.Slice(digitsStart, i - digitsStart);
        var codePoint = int.Parse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
        return new CharacterReference(i + 1 - ampersand, null, FromCodePoint(codePoint));
    }

    /// <summary>The text of a numeric reference: C1 numbers as windows-1252 (as HTML5 says), forbidden ones as nothing.</summary>
    private static string FromCodePoint(int codePoint)
    {
        if (codePoint is >= 0x80 and <= 0x9F)
        {
            return CharsetResolver.Windows1252.GetString([(byte)codePoint]);
        }
        var allowed = codePoint is 0x9 or 0xA or 0xD
            || codePoint is >= 0x20 and <= 0xD7FF
            || codePoint is >= 0xE000 and <= 0xFFFD
            || codePoint is >= 0x10000 and <= 0x10FFFF;
        return allowed ? char.ConvertFromUtf32(codePoint) : string.Empty;
    }
}
