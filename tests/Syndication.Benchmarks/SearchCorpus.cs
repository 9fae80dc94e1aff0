using System.Globalization;
using Syndication.Core.Generating;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;

namespace Syndication.Benchmarks;

/// <summary>
/// 100,000 ingested entries from 20 outlets, and 1,000 archive articles, in a SQLite file under the temp folder; kept
/// and reused once complete (building it takes a few minutes). The generator's text has a vocabulary of ~80
/// syllables, so every entry also names one of 25 topics and one of 15 districts: a topic or district search then
/// matches a few thousand entries, as in a real archive, while a search for generator words matches nearly all.
/// </summary>
public static class SearchCorpus
{
    public const int Entries = 100_000;
    public const int Articles = 1_000;
    private const int Seed = 7;
    private const int Sources = 20;
    private const int PollSize = 500;

    public static readonly string[] Topics =
    [
        "tín dụng chính sách", "sầu riêng", "hồ tiêu", "sạt lở đất", "tuyển sinh đầu cấp", "cồng chiêng", "xóa nhà tạm",
        "bảo hiểm y tế", "cháy rừng", "bò sinh sản", "giao thông nông thôn", "chuyển đổi số", "sản phẩm OCOP", "điện mặt trời",
        "thủy lợi", "sốt xuất huyết", "ma túy", "an toàn thực phẩm", "đất đai", "du lịch cộng đồng", "dệt thổ cẩm",
        "mắc ca", "bơ booth", "nước sạch", "lũ quét",
    ];

    public static readonly string[] Districts =
    [
        "Krông Pắc", "Ea Kar", "Cư M'gar", "Buôn Đôn", "Lắk", "M'Drắk", "Krông Bông", "Ea H'leo", "Krông Năng", "Cư Kuin",
        "Buôn Hồ", "Ea Súp", "Krông Búk", "Krông Ana", "Buôn Ma Thuột",
    ];

    public static Task<SqliteDatabase> OpenAsync() =>
        BenchmarkDatabase.OpenOrBuildAsync($"search-{Entries}-seed{Seed}", FillAsync);

    private static async Task FillAsync(SqliteDatabase database)
    {
        var articles = ArchiveGenerator.Generate(Articles, Seed, BenchmarkArchive.Sections)
            .Select((article, n) => article with
            {
                Title = $"{Capitalised(Topics[n % Topics.Length])} ở {Districts[n % Districts.Length]}: {article.Title}",
                Lead = $"{Capitalised(Topics[n % Topics.Length])} tại {Districts[n % Districts.Length]}. {article.Lead}",
            })
            .ToList();
        await new ArticleStore(database, TimeProvider.System).UpsertAsync(articles, CancellationToken.None);
        var sources = new SourceStore(database, TimeProvider.System);
        var sourceIds = new List<long>();
        for (var s = 0; s < Sources; s++)
        {
            var source = await sources.AddAsync(
                new OpmlOutline(string.Create(CultureInfo.InvariantCulture, $"https://nguon{s}.example/rss"), $"Báo nguồn {s}", null, null),
                SourceOrigins.Cli, CancellationToken.None);
            sourceIds.Add(source.Id);
        }
        var entries = new EntryStore(database);
        var random = new Random(Seed);
        var batch = new List<ParsedEntry>(PollSize);
        var n = 0;
        foreach (var article in ArchiveGenerator.Generate(Entries, Seed + 1, BenchmarkArchive.Sections))
        {
            var topic = Topics[random.Next(Topics.Length)];
            var district = Districts[random.Next(Districts.Length)];
            var link = string.Create(CultureInfo.InvariantCulture, $"https://nguon{n % Sources}.example/tin/{n}.html");
            batch.Add(new ParsedEntry(
                link, link,
                $"{Capitalised(topic)} ở {district}: {article.Title}",
                article.Published, null, [],
                $"<p>{Capitalised(topic)} tại {district}. {article.Lead}</p>",
                // Half the outlets send full text, half a summary only.
                n % 2 == 0 ? article.BodyHtml : null,
                [], []));
            n++;
            if (batch.Count == PollSize)
            {
                await SaveAsync(entries, sourceIds[(n / PollSize) % Sources], batch);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await SaveAsync(entries, sourceIds[0], batch);
        }
        // Relating is measured by its own benchmark; the queue is left as the polls leave it.
    }

    private static async Task SaveAsync(EntryStore entries, long sourceId, List<ParsedEntry> batch)
    {
        var now = TimeProvider.System.GetUtcNow();
        await entries.SavePollAsync(
            new PollRecord { SourceId = sourceId, PolledAt = now, Succeeded = true, HttpStatus = 200, NextPoll = now.AddMinutes(30), IntervalMinutes = 30 },
            batch, CancellationToken.None);
    }

    private static string Capitalised(string text) => char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
