using System.Text;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>One repair pass: the text, the output, and what the pass learnt about prefixes and the root tag.</summary>
internal sealed class XmlRepairState(string text)
{
    public string Text { get; } = text;

    public StringBuilder Output { get; } = new(text.Length + 256);

    public HashSet<string> UsedPrefixes { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DeclaredPrefixes { get; } = new(StringComparer.Ordinal);

    /// <summary>Where in Output the root element's name ends, so missing xmlns declarations can go there; -1 before the root.</summary>
    public int RootDeclarationsAt { get; set; } = -1;
}
