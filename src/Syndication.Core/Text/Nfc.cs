using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        var units = MemoryMarshal.Cast<char, ushort>(text);
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var latinEnd = Vector128.Create((ushort)0x0300);
            var extendedStart = Vector128.Create((ushort)0x1E00);
            var extendedLength = Vector128.Create((ushort)0x0100);
            var punctuationStart = Vector128.Create((ushort)0x2002);
            var punctuationLength = Vector128.Create((ushort)0x006E);
            for (; i <= units.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var block = Vector128.Create(units.Slice(i, Vector128<ushort>.Count));
                var known = Vector128.LessThan(block, latinEnd)
                    | Vector128.LessThan(block - extendedStart, extendedLength)
                    | Vector128.LessThan(block - punctuationStart, punctuationLength);
                if (known != Vector128<ushort>.AllBitsSet)
                {
                    return false;
                }
            }
        }
        for (; i < units.Length; i++)
        {
            var c = units[i];
            if (c >= 0x0300 && (uint)(c - 0x1E00) >= 0x0100 && (uint)(c - 0x2002) >= 0x006E)
            {
                return false;
            }
        }
        return true;
    }
}
