using System.Xml;
using System.Xml.Linq;
using System.Xml.Xsl;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>The browser stylesheet the Worker serves (src/Syndication.Worker/Publishing/Assets/feed.xsl), applied as a
/// browser would: XSLT 1.0, no scripts, no document().</summary>
internal static class FeedStylesheet
{
    private static readonly Lazy<XslCompiledTransform> Compiled = new(Load);

    /// <summary>The page a browser shows for the feed, as a tree so tests can query it.</summary>
    public static XElement Transform(byte[] feed)
    {
        var page = new XDocument();
        using (var input = Read(feed))
        using (var output = page.CreateWriter())
        {
            Compiled.Value.Transform(input, output);
        }
        return page.Root!;
    }

    /// <summary>The page as the bytes a browser renders, serialised by the stylesheet's own xsl:output.</summary>
    public static string TransformToText(byte[] feed)
    {
        using var input = Read(feed);
        using var output = new MemoryStream();
        Compiled.Value.Transform(input, null, output);
        output.Position = 0;
        using var text = new StreamReader(output, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return text.ReadToEnd();
    }

    private static XmlReader Read(byte[] feed) =>
        XmlReader.Create(new MemoryStream(feed), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });

    private static XslCompiledTransform Load()
    {
        var transform = new XslCompiledTransform();
        using var reader = XmlReader.Create(PathInRepository("src", "Syndication.Worker", "Publishing", "Assets", "feed.xsl"));
        transform.Load(reader, XsltSettings.Default, null);
        return transform;
    }

    private static string PathInRepository(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Syndication.sln")))
            {
                return Path.Combine([directory.FullName, .. parts]);
            }
        }
        throw new InvalidOperationException("Syndication.sln not found above " + AppContext.BaseDirectory);
    }
}
