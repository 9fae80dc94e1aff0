namespace Syndication.Worker.Publishing;

/// <summary>The XSLT that shows our RSS and Atom feeds as a Vietnamese page in a browser, served from the assembly.</summary>
public static class FeedStylesheet
{
    public const string Path = "feeds/style.xsl";

    private static readonly Lazy<byte[]> Bytes = new(() =>
    {
        using var stream = typeof(FeedStylesheet).Assembly.GetManifestResourceStream("Syndication.Worker.Publishing.Assets.feed.xsl")
            ?? throw new InvalidOperationException("The feed stylesheet is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    public static byte[] Content => Bytes.Value;
}
