using System.Text;
using System.Text.RegularExpressions;

namespace Syndication.Core.Ingestion.Decoding;

/// <summary>Reads the encoding pseudo-attribute of an XML declaration from the first bytes of a body.</summary>
internal static partial class XmlDeclarationEncoding
{
    // A declaration is short; looking further would only find encodings named in content.
    private const int ScanLength = 1024;

    public static string? Find(ReadOnlySpan<byte> body)
    {
        var head = Encoding.Latin1.GetString(body[..Math.Min(body.Length, ScanLength)]);
        var start = head.IndexOf("<?xml", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        var end = head.IndexOf("?>", start, StringComparison.Ordinal);
        var declaration = end < 0 ? head[start..] : head[start..end];
        var match = EncodingPattern().Match(declaration);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""encoding\s*=\s*["']\s*([A-Za-z0-9._:\-]+)\s*["']""", RegexOptions.CultureInvariant)]
    private static partial Regex EncodingPattern();
}
