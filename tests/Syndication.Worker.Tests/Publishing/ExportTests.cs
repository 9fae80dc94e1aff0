using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Publishing;
using Syndication.Worker.Publishing.Export;

namespace Syndication.Worker.Tests.Publishing;

public sealed class ExportTests : IAsyncLifetime
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _root = ServiceUnderTest.NewRoot();
    private ServiceUnderTest _service = null!;

    private string Folder => Path.Combine(_root, "export");

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest.StartAsync(_root, "--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl);

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Task<ExportReport> ExportAsync() => _service.Services.GetRequiredService<FeedExporter>().ExportAsync(Folder, CancellationToken.None);

    private string FileOf(string path) => Path.Combine([Folder, .. path.Split('/')]);

    /// <summary>Backdates every exported file, so a rewrite — even within the same second — shows in its time.</summary>
    private List<string> BackdateAll()
    {
        var files = Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).ToList();
        files.ForEach(file => File.SetLastWriteTimeUtc(file, LongAgo));
        return files;
    }

    private List<string> RewrittenSince(IEnumerable<string> files) =>
        [.. files.Where(file => File.GetLastWriteTimeUtc(file) != LongAgo)
            .Select(file => Path.GetRelativePath(Folder, file).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Export_writes_every_feed_laid_out_like_its_url_with_the_bytes_served_over_http()
    {
        var report = await ExportAsync();

        var served = await PublishedFeeds.FetchAllAsync(_service);
        served[FeedStylesheet.Path] = await _service.Client.GetByteArrayAsync(FeedStylesheet.Path);
        Assert.Equal((served.Count, 0, 0), (report.Written, report.Unchanged, report.Removed));
        foreach (var (path, bytes) in served)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(FileOf(path)));
        }
        foreach (var path in new[] { "feeds/rss.xml", "feeds/sections/kinh-te/atom.xml", "feeds/archive/2024-10.atom", "feeds/tags/ca-phe/feed.json", "feeds/related/rss.xml" })
        {
            Assert.True(File.Exists(FileOf(path)), path);
        }
        Assert.Contains(PublishedFeeds.BaseUrl + "feeds/rss.xml", await File.ReadAllTextAsync(FileOf("feeds/rss.xml")));
        Assert.Equal(served.Count, Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Second_export_rewrites_nothing_and_leaves_every_file_time_alone()
    {
        await ExportAsync();
        var files = BackdateAll();

        var second = await ExportAsync();

        Assert.Equal((0, files.Count, 0), (second.Written, second.Unchanged, second.Removed));
        Assert.Empty(RewrittenSince(files));
    }

    [Fact]
    public async Task After_one_article_changes_only_the_files_of_the_feeds_it_changed_are_rewritten()
    {
        await ExportAsync();
        var before = await PublishedFeeds.FetchAllAsync(_service);
        var files = BackdateAll();

        await PublishedFeeds.ImportAsync(_service, PublishedFeeds.CultureArticle);
        var changed = PublishedFeeds.ChangedPaths(before, await PublishedFeeds.FetchAllAsync(_service));
        var report = await ExportAsync();

        var changedExisting = changed.Where(before.ContainsKey).ToList();
        Assert.Equal(changedExisting, RewrittenSince(files));
        Assert.Equal(changed.Count, report.Written);
        Assert.Contains("feeds/archive/2024-09.atom", changedExisting);
        Assert.DoesNotContain("feeds/sections/kinh-te/rss.xml", changed);
        Assert.True(File.Exists(FileOf("feeds/tags/am-nhac/rss.xml")));
    }

    [Fact]
    public async Task Files_of_feeds_that_no_longer_exist_are_removed_and_nothing_else_is()
    {
        await ExportAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(FileOf("feeds/tags/khong-con/rss.xml"))!);
        await File.WriteAllTextAsync(FileOf("feeds/tags/khong-con/rss.xml"), "<rss/>");
        await File.WriteAllTextAsync(FileOf("feeds/feed.xsl"), "<xsl/>");
        await File.WriteAllTextAsync(FileOf("feeds/tags/ca-phe/README.txt"), "của người vận hành");
        await File.WriteAllTextAsync(Path.Combine(Folder, "index.html"), "<html/>");

        var report = await ExportAsync();

        Assert.Equal((0, 1), (report.Written, report.Removed));
        Assert.False(Directory.Exists(Path.GetDirectoryName(FileOf("feeds/tags/khong-con/rss.xml"))));
        Assert.True(File.Exists(FileOf("feeds/feed.xsl")));
        Assert.True(File.Exists(FileOf("feeds/tags/ca-phe/README.txt")));
        Assert.True(File.Exists(Path.Combine(Folder, "index.html")));
    }

    [Fact]
    public async Task Scheduled_export_writes_the_feeds_into_the_configured_folder()
    {
        var root = ServiceUnderTest.NewRoot();
        var folder = Path.Combine(root, "scheduled");
        try
        {
            await using var service = await ServiceUnderTest.StartAsync(root,
                "--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl,
                "--Syndication:Export:Directory", folder,
                "--Syndication:Export:IntervalSeconds", "1");
            var expected = await service.Services.GetRequiredService<FeedCatalog>().ListAsync(CancellationToken.None);

            await Eventually.TrueAsync(() => expected.All(feed => File.Exists(Path.Combine(folder, feed.Address.Path))), "the scheduled export");

            Assert.All(expected, feed => Assert.True(File.Exists(Path.Combine(folder, feed.Address.Path)), feed.Address.Path));
            Assert.Equal(await service.Client.GetByteArrayAsync("feeds/atom.xml"), await File.ReadAllBytesAsync(Path.Combine(folder, "feeds", "atom.xml")));
        }
        finally
        {
            ServiceUnderTest.DeleteRoot(root);
        }
    }
}
