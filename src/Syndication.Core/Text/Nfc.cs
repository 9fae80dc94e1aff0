using System.Text;

namespace Syndication.Core.Text;

/// <summary>NFC normalisation that leaves ICU out for text already in NFC by construction, as precomposed Vietnamese is.</summary>
public static class Nfc
{
    /// <summary>The text in Unicode Normalization Form C; the same instance when it already is.</summary>
    public static string Normalize(string text) => IsKnownNormalized(text) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// True when every character is one NFC leaves alone whatever surrounds it (quick check Yes, combining class 0):
    /// U+0000–U+02FF (ASCII, Latin-1, Latin Extended A/B: ă đ ơ ư), U+1E00–U+1EFF (Latin Extended Additional: ạ ắ ệ ữ …)
    /// and U+2002–U+206F (general punctuation, without U+2000/U+2001, which NFC maps to U+2002/U+2003).
    /// False means only that ICU must decide.
    /// </summary>
    public static bool IsKnownNormalized(ReadOnlySpan<char> text)
    {
        // string.Normalize asks ICU for every non-ASCII string, and that costs more than parsing the text did.
        var rest = text;
        while (true)
        {
            var i = rest.IndexOfAnyInRange('\u0300', '\uffff');
            if (i < 0)
            {
                return true;
            }
            var c = rest[i];
            if ((uint)(c - '\u1e00') > 0xff && (uint)(c - '\u2002') > 0x6d)
            {
                return false;
            }
            rest = rest[(i + 1)..];
        }
    }
}
