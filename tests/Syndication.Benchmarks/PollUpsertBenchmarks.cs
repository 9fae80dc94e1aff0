using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Schema;

namespace Syndication.Benchmarks;

/// <summary>One poll's save of 50 entries (parsed from the 50-item feed) into a migrated temp database:
/// all 50 unchanged (the usual poll), or 25 unchanged plus 25 never seen before (fresh ids every invocation).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PollUpsertBenchmarks
{
    private string _folder = "";
    private EntryStore _entries = null!;
    private PollRecord _poll = null!;
    private IReadOnlyList<ParsedEntry> _feed = [];
    private long _fresh;

    [GlobalSetup]
    public async Task Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "syndication-benchmarks", "upsert-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var database = new SqliteDatabase(Path.Combine(_folder, "syndication.db"), TimeSpan.FromSeconds(5));
        await new Migrator(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        var source = await new SourceStore(database, TimeProvider.System)
            .AddAsync(new OpmlOutline(VietnameseNewsFeed.Url.AbsoluteUri, null, null, null), SourceOrigins.Cli, CancellationToken.None);
        _entries = new EntryStore(database);
        var now = TimeProvider.System.GetUtcNow();
        _poll = new PollRecord
        {
            SourceId = source.Id,
            PolledAt = now,
            Succeeded = true,
            HttpStatus = 200,
            ETag = "\"e1\"",
            LastModified = "Wed, 25 Nov 2026 07:30:00 GMT",
            NextPoll = now.AddMinutes(30),
            IntervalMinutes = 30,
            FeedTitle = "Báo Đắk Lắk - Tin mới nhất",
            FeedSiteUrl = "https://baodaklak.example/",
        };
        var context = new FeedParseContext(VietnameseNewsFeed.Url, "application/rss+xml; charset=utf-8", TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
        _feed = FeedParser.Parse(VietnameseNewsFeed.Bytes(50), context).Entries;
        var first = await _entries.SavePollAsync(_poll, _feed, CancellationToken.None);
        Console.WriteLine($"// upsert: {_feed.Count} entries, first save {first}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<PollSaveResult> AllUnchanged() => _entries.SavePollAsync(_poll, _feed, CancellationToken.None);

    [Benchmark]
    public Task<PollSaveResult> HalfNew()
    {
        var entries = new ParsedEntry[_feed.Count];
        for (var n = 0; n < entries.Length; n++)
        {
            var entry = _feed[n];
            if (n % 2 == 0)
            {
                var id = (++_fresh).ToString(CultureInfo.InvariantCulture);
                entry = entry with { Id = $"{entry.Id}#new-{id}", Link = $"{entry.Link}?v={id}" };
            }
            entries[n] = entry;
        }
        return _entries.SavePollAsync(_poll, entries, CancellationToken.None);
    }
}
