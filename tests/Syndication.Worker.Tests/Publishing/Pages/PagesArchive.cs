using System.Globalization;
using System.Text.Json;

namespace Syndication.Worker.Tests.Publishing.Pages;

/// <summary>
/// A small archive written as the newsroom's JSON Lines export would have it: 47 articles in three sections (29 in
/// Kinh tế) by three
/// authors from October 2023 to March 2024 (November and December 2023 empty), some with sized images, related
/// teasers that name other archive articles by title, and one title with markup in it.
/// </summary>
public static class PagesArchive
{
    public const int ArticleCount = 47;
    public const string ImageArticle = "bai-03-gia-ca-phe";
    public const string TeaserTarget = "Bài 02: Mùa mưa ở Ea Kar";
    public const string MarkupTitle = "Bài 05: <script>alert(1)</script> & chuyện \"giá\"";

    private static readonly string[] Sections = ["Kinh tế", "Văn hóa", "Xã hội"];
    private static readonly string[] Authors = ["Hồng Chuyên", "Thu Hà", "H'Mai Niê"];
    private static readonly string[] Tags = ["Cà phê", "Đắk Lắk", "Tín dụng chính sách"];
    private static readonly string[] Topics = ["giá cà phê", "mùa mưa ở Ea Kar", "lễ hội cồng chiêng", "vốn vay ưu đãi", "đường liên xã"];

    /// <summary>Writes the archive as seeds/archive.jsonl below <paramref name="root"/>.</summary>
    public static void WriteSeeds(string root)
    {
        var seeds = Path.Combine(root, "seeds");
        Directory.CreateDirectory(seeds);
        using var file = new StreamWriter(Path.Combine(seeds, "archive.jsonl"));
        var first = new DateTimeOffset(2023, 10, 5, 8, 0, 0, TimeSpan.FromHours(7));
        for (var i = 1; i <= ArticleCount; i++)
        {
            // One article in October 2023, then the rest from January 2024, about two days apart.
            var published = i == 1 ? first : new DateTimeOffset(2024, 1, 2, 7, 30, 0, TimeSpan.FromHours(7)).AddMinutes((i - 2) * 2736);
            var topic = Topics[i % Topics.Length];
            var title = i switch
            {
                2 => TeaserTarget,
                5 => MarkupTitle,
                _ => string.Create(CultureInfo.InvariantCulture, $"Bài {i:D2}: Chuyện {topic} tuần này"),
            };
            var slug = i switch
            {
                3 => ImageArticle,
                _ => string.Create(CultureInfo.InvariantCulture, $"bai-{i:D2}"),
            };
            var line = new Dictionary<string, object?>
            {
                ["slug"] = slug,
                ["title"] = title,
                ["published"] = published.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["lead"] = $"Tóm tắt bài {i}: {topic} được bà con quan tâm.",
                ["body"] = $"<p>Nội dung bài {i} về {topic}.</p><p>Đoạn thứ hai của bài {i}.</p>",
                ["authors"] = i % 7 == 0 ? new[] { Authors[0], Authors[1] } : new[] { Authors[i % Authors.Length] },
                // Kinh tế gets most of the first thirty articles, so its page runs to a second page.
                ["section"] = i <= 30 ? (i % 5 == 0 ? Sections[2] : Sections[0]) : Sections[i % Sections.Length],
                ["tags"] = new[] { Tags[i % Tags.Length] },
            };
            if (i == 3)
            {
                line["images"] = new object[]
                {
                    new { url = "https://anh.baodaklak.example/2024/01/ca-phe.jpg", caption = "Thu hái cà phê ở Cư M'gar", type = "image/jpeg", length = 81234, width = 1200, height = 800 },
                    new { url = "https://anh.baodaklak.example/2024/01/san-phoi.jpg", caption = "Sân phơi ở Ea Tu" },
                };
                line["related"] = new object[]
                {
                    new { title = TeaserTarget, summary = "Một bài cũ hơn của báo." },
                    new { title = "Một tin không có trong kho", summary = "Không có bài nào mang tên này." },
                };
            }
            file.WriteLine(JsonSerializer.Serialize(line));
        }
    }
}
