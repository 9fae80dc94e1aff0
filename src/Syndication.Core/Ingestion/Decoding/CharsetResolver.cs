using System.Collections.Concurrent;
using System.Text;

namespace Syndication.Core.Ingestion.Decoding;

/// <summary>Turns a charset label from HTTP or an XML declaration into an encoding, legacy code pages included.</summary>
internal static class CharsetResolver
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Windows-1252 with the code-page provider's table, also used where a label says Latin-1 or ASCII.</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }
        return Cache.GetOrAdd(label.Trim().Trim('"', '\''), Lookup);
    }

    public static bool IsUtf8(Encoding encoding) => encoding.CodePage == Encoding.UTF8.CodePage;

    private static Encoding? Lookup(string label)
    {
        switch (label.ToLowerInvariant())
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8":
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            // Browsers read all of these as windows-1252, and feeds labelled so are written by the same tools;
            // the true Latin-1 table would turn 0x80–0x9F (curly quotes, dashes) into control characters.
            case "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "iso_8859-1" or "cp819"
                or "ibm819" or "us-ascii" or "ascii" or "ansi_x3.4-1968" or "windows-1252" or "cp1252"
                or "x-cp1252":
                return Windows1252;
            case "cp1258" or "x-cp1258":
                return CodePagesEncodingProvider.Instance.GetEncoding(1258);
        }
        var codePage = CodePagesEncodingProvider.Instance.GetEncoding(label);
        if (codePage is not null)
        {
            return codePage;
        }
        try
        {
            return Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            // An unknown label is the publisher's mistake; the caller falls back to the next source of truth.
            return null;
        }
    }
}
