using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Ingestion.Stories;
using Syndication.Storage;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Postgres;
using Syndication.Storage.Schema;

namespace Syndication.Benchmarks;

/// <summary>
/// What storing a first poll cycle costs in the store alone (no HTTP, no parsing): SOURCES first polls of ITEMS new
/// entries each, saved one after another as <c>syndication poll</c> saves them, story clustering included. Prints the
/// time signing the entries takes alone, then the wall time of storing them (signing included), the time per stored
/// entry and how many stories the entries made.
/// </summary>
/// <remarks>
/// Two fixtures. <c>load</c> is tests/load/feeds-lib.sh's text: every source carries the same 50 templated items, so
/// each entry has hundreds of candidates (the worst case for the candidate lookup). <c>news</c> is shaped like real
/// outlets: mostly stories of their own, and one item in five an agency story that four outlets carry lightly edited.
/// STORIES_PG=connection string stores into an (empty) PostgreSQL database instead of a temporary SQLite file.
/// </remarks>
public static class StoryCost
{
    public static async Task RunAsync(int sources, int items, string fixture)
    {
        var folder = Path.Combine(Path.GetTempPath(), "syndication-benchmarks", "story-cost-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Database database = Environment.GetEnvironmentVariable("STORIES_PG") is { Length: > 0 } postgres
                ? new PostgresDatabase(postgres)
                : new SqliteDatabase(Path.Combine(folder, "syndication.db"), TimeSpan.FromSeconds(30));
            await new Migrator(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
            var sourceStore = new SourceStore(database, TimeProvider.System);
            var entries = new EntryStore(database);
            var newest = new DateTimeOffset(2026, 11, 20, 17, 3, 0, TimeSpan.FromHours(7));
            var polls = new List<(PollRecord Poll, IReadOnlyList<ParsedEntry> Entries)>();
            for (var s = 0; s < sources; s++)
            {
                var source = await sourceStore.AddAsync(
                    new OpmlOutline(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:9/feed-{s}.xml"), null, null, null),
                    SourceOrigins.Cli, CancellationToken.None);
                var now = DateTimeOffset.UtcNow;
                polls.Add((new PollRecord
                {
                    SourceId = source.Id,
                    PolledAt = now,
                    Succeeded = true,
                    HttpStatus = 200,
                    NextPoll = now.AddMinutes(30),
                    IntervalMinutes = 30,
                    FeedTitle = string.Create(CultureInfo.InvariantCulture, $"Nguồn {s}"),
                }, [.. Enumerable.Range(0, items).Select(i => Entry(fixture, s, i, newest.AddHours(-3 * i)))]));
            }
            // Signing alone first (what each poll does to its new entries before its write turn), twice: the first pass warms up.
            var signing = TimeSpan.Zero;
            for (var pass = 0; pass < 2; pass++)
            {
                var signClock = Stopwatch.StartNew();
                foreach (var entry in polls.SelectMany(poll => poll.Entries))
                {
                    _ = StorySignature.Of(entry.Title, entry.Summary, entry.Content);
                }
                signing = signClock.Elapsed;
            }
            var signed = polls.Sum(poll => poll.Entries.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{fixture}: signing {signed} entries: {signing.TotalSeconds:F2} s, {signing.TotalMilliseconds * 1000 / signed:F1} µs per entry"));
            var clock = Stopwatch.StartNew();
            foreach (var (poll, batch) in polls)
            {
                await entries.SavePollAsync(poll, batch, CancellationToken.None);
            }
            clock.Stop();
            await using var connection = await database.OpenAsync(CancellationToken.None);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*), count(DISTINCT story_id) FROM entries";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var stored = reader.GetInt64(0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{fixture}: {sources} sources x {items} items: {clock.Elapsed.TotalSeconds:F2} s, {clock.Elapsed.TotalMilliseconds / stored:F3} ms per entry, {stored} entries in {reader.GetInt64(1)} stories ({database.Engine})"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly string[] Words =
        ("giá cà phê hôm nay tăng mạnh tại các tỉnh tây nguyên nông dân phấn khởi thu hoạch vụ mới ủy ban nhân dân tỉnh "
        + "đắk lắk tổ chức hội nghị triển khai kế hoạch phát triển kinh tế xã hội năm tới đường giao thông nông thôn được "
        + "nâng cấp học sinh trở lại trường sau kỳ nghỉ bệnh viện đa khoa tiếp nhận thiết bị y tế hiện đại cháy nhà dân "
        + "ở huyện krông pắc không có thiệt hại về người công an phường bắt giữ đối tượng trộm cắp tài sản mưa lớn gây "
        + "ngập úng nhiều tuyến đường trung tâm thành phố buôn ma thuột ngân hàng chính sách xã hội giải ngân vốn vay "
        + "hộ nghèo doanh nghiệp xuất khẩu sầu riêng sang thị trường trung quốc lễ hội văn hóa cồng chiêng thu hút du khách")
        .Split(' ');

    private static ParsedEntry Entry(string fixture, int source, int item, DateTimeOffset published)
    {
        string title, summary;
        if (fixture == "load")
        {
            title = string.Create(CultureInfo.InvariantCulture, $"Tin {item} của nguồn {source}: tín dụng chính sách ở Đắk Lắk");
            summary = string.Create(CultureInfo.InvariantCulture,
                $"<a href=\"/tin-{item}.html\"><img src=\"/anh/{item}.jpg\"></a>Ngân hàng Chính sách xã hội giải ngân vốn cho hộ nghèo, tin số {item}. {string.Concat(Enumerable.Repeat("Nội dung dài. ", 40))}");
        }
        else
        {
            // One item in five is an agency story (the same for a group of four outlets); the rest are the outlet's own.
            var agency = item % 5 == 0;
            // A seed fixed across runs (HashCode.Combine is not), so two runs store the same text and their story counts compare.
            var seed = agency ? (source / 4 * 1000) + item : 1_000_000 + (source * 1000) + item;
            var random = new Random(seed);
            var words = Enumerable.Range(0, 90).Select(_ => Words[random.Next(Words.Length)]).ToList();
            if (agency && source % 4 == 1)
            {
                words.RemoveRange(60, 30); // one outlet cuts the last paragraph
            }
            title = string.Join(' ', words.Take(10));
            summary = "<p>" + string.Join(' ', words.Skip(10)) + (agency && source % 4 == 2 ? " Phóng viên báo địa phương bổ sung." : "") + "</p>";
        }
        var link = string.Create(CultureInfo.InvariantCulture, $"https://nguon{source}.example/tin-{item}.html");
        return new ParsedEntry(link, link, title, published.ToUniversalTime(), null, [], summary, null, [], []);
    }
}
