using System.Text;
using Syndication.Core.Ingestion;

namespace Syndication.Core.Tests.Ingestion;

/// <summary>The fixture feeds in Ingestion/testdata/ and the context they are parsed in (a feed URL, the archive's zone).</summary>
internal static class FeedFixtures
{
    public static readonly Uri FeedUrl = new("https://feeds.example.vn/rss/feed.xml");

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    private static readonly string Folder = Locate();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static FeedParseContext Context(string? contentType = null, Uri? feedUrl = null) =>
        new(feedUrl ?? FeedUrl, contentType, Zone);

    public static ParsedFeed Parse(string name, string? contentType = null) => FeedParser.Parse(Bytes(name), Context(contentType));

    public static ParsedFeed ParseText(string document, string? contentType = null) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(document), Context(contentType));

    public static IEnumerable<string> Names() => Directory.EnumerateFiles(Folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>
    /// The project copies only its top-level testdata/ to the output, so these fixtures are read where they live:
    /// beside the output when copied there, else in the project folder found by walking up from the test assembly.
    /// </summary>
    private static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Ingestion", "testdata");
        if (Directory.Exists(beside))
        {
            return beside;
        }
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Syndication.Core.Tests.csproj")))
            {
                return Path.Combine(folder.FullName, "Ingestion", "testdata");
            }
        }
        throw new DirectoryNotFoundException("Ingestion/testdata not found above " + AppContext.BaseDirectory);
    }
}
