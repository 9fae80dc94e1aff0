using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Importing;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>What the WebSub and export tests share: a fixed public base URL, every feed as served, and importing one more article.</summary>
internal static class PublishedFeeds
{
    public const string BaseUrl = "http://bao.example.test/";

    /// <summary>
    /// A culture article in September 2024 (beside the seeds' festival article) by a seed author, with a tag no seed has:
    /// it changes the site feeds, the van-hoa section, Minh Thuận's feeds, the Đắk Lắk tag, the 2024-09 archive, and
    /// adds a new tag's feeds; the kinh-te section and the other months stay as they were.
    /// </summary>
    public const string CultureArticle = """
        {"slug": "dem-nhac-cong-chieng", "title": "Đêm nhạc cồng chiêng bên hồ Lắk", "published": "2024-09-25T20:00:00+07:00", "lead": "Nghệ nhân ba buôn cùng biểu diễn.", "body": "<p>Buổi diễn kéo dài đến khuya.</p>", "authors": ["Minh Thuận"], "section": "Văn hóa", "tags": ["Đắk Lắk", "Âm nhạc"]}
        """;

    /// <summary>Every catalog feed's bytes as the HTTP endpoint serves them, by path.</summary>
    public static async Task<Dictionary<string, byte[]>> FetchAllAsync(ServiceUnderTest service)
    {
        var feeds = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var feed in await service.Services.GetRequiredService<FeedCatalog>().ListAsync(CancellationToken.None))
        {
            feeds[feed.Address.Path] = await service.Client.GetByteArrayAsync(feed.Address.Path);
        }
        return feeds;
    }

    /// <summary>The paths whose bytes differ, or which are new, after a change.</summary>
    public static IReadOnlyList<string> ChangedPaths(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after) =>
        [.. after.Where(feed => !before.TryGetValue(feed.Key, out var old) || !old.AsSpan().SequenceEqual(feed.Value)).Select(feed => feed.Key).Order(StringComparer.Ordinal)];

    public static async Task ImportAsync(ServiceUnderTest service, string jsonLine)
    {
        var file = Path.Combine(service.Root, "more", Guid.NewGuid().ToString("N") + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, jsonLine + "\n");
        var report = await service.Services.GetRequiredService<ArticleImporter>().ImportAsync([file], null, CancellationToken.None);
        Assert.Empty(report.Errors);
    }
}
