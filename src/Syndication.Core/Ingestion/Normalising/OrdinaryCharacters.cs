using System.Numerics;
using System.Runtime.InteropServices;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// Characters that pass every character check of HTML cleaning at once: XML allows them, the HTML parser keeps them as
/// written, and NFC leaves them alone whatever surrounds them (tab, line feed, U+0020–U+007E, U+00A0–U+02FF,
/// U+1E00–U+1EFF, U+2002–U+206F).
/// </summary>
/// <remarks>
/// Nearly every description is made of these alone (Vietnamese is precomposed), and one vectorised pass over it then
/// answers what three separate passes asked: <see cref="Text.XmlChars.ContainsInvalid"/>, the fast path's parser
/// rewrites, and <see cref="Text.Nfc.IsKnownNormalized"/>. Text with any other character takes each check on its own.
/// </remarks>
internal static class OrdinaryCharacters
{
    public static bool AreAll(ReadOnlySpan<char> text)
    {
        var units = MemoryMarshal.Cast<char, ushort>(text);
        var i = 0;
        if (Vector.IsHardwareAccelerated && units.Length >= Vector<ushort>.Count)
        {
            var all = Vector<ushort>.AllBitsSet;
            for (; i <= units.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
            {
                all &= Ordinary(new Vector<ushort>(units.Slice(i, Vector<ushort>.Count)));
            }
            // The last block again, overlapping: no scalar tail.
            all &= Ordinary(new Vector<ushort>(units[^Vector<ushort>.Count..]));
            return all == Vector<ushort>.AllBitsSet;
        }
        for (; i < units.Length; i++)
        {
            if (!IsOrdinary(units[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static Vector<ushort> Ordinary(Vector<ushort> block) =>
        Vector.LessThan(block - new Vector<ushort>(0x0020), new Vector<ushort>(0x005F))
        | Vector.LessThan(block - new Vector<ushort>(0x00A0), new Vector<ushort>(0x0260))
        | Vector.LessThan(block - new Vector<ushort>(0x1E00), new Vector<ushort>(0x0100))
        | Vector.LessThan(block - new Vector<ushort>(0x2002), new Vector<ushort>(0x006E))
        | Vector.LessThan(block - new Vector<ushort>('\t'), new Vector<ushort>(2));

    private static bool IsOrdinary(ushort c) =>
        (uint)(c - 0x0020) < 0x005F || (uint)(c - 0x00A0) < 0x0260 || (uint)(c - 0x1E00) < 0x0100
        || (uint)(c - 0x2002) < 0x006E || (uint)(c - '\t') < 2;
}
