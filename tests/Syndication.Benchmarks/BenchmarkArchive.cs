using Syndication.Core.Articles;
using Syndication.Core.Generating;
using Syndication.Storage;
using Syndication.Storage.Articles;

namespace Syndication.Benchmarks;

/// <summary>The 100,000-article synthetic archive in a SQLite file under the temp folder. Building it takes ~30 s,
/// and BenchmarkDotNet runs every case in a process of its own, so the file is kept and reused once complete.</summary>
public static class BenchmarkArchive
{
    public const int Articles = 100_000;
    private const int Seed = 1;
    private const int BatchSize = 1000;

    public static readonly SectionCatalog Sections = new(
        new Dictionary<string, string>
        {
            ["thoi-su"] = "Thời sự",
            ["chinh-tri"] = "Chính trị",
            ["kinh-te"] = "Kinh tế",
            ["xa-hoi"] = "Xã hội",
            ["van-hoa"] = "Văn hóa",
            ["nong-nghiep"] = "Nông nghiệp",
            ["the-thao"] = "Thể thao",
            ["giao-duc"] = "Giáo dục",
            ["suc-khoe"] = "Sức khỏe",
        },
        "thoi-su");

    public static Task<SqliteDatabase> OpenAsync() =>
        BenchmarkDatabase.OpenOrBuildAsync($"archive-{Articles}-seed{Seed}", async database =>
        {
            var store = new ArticleStore(database, TimeProvider.System);
            var batch = new List<ArticleContent>(BatchSize);
            foreach (var article in ArchiveGenerator.Generate(Articles, Seed, Sections))
            {
                batch.Add(article);
                if (batch.Count == BatchSize)
                {
                    await store.UpsertAsync(batch, CancellationToken.None);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                await store.UpsertAsync(batch, CancellationToken.None);
            }
        });
}
