using System.Globalization;
using System.Text;
using Syndication.Core.Articles;

namespace Syndication.Core.Generating;

/// <summary>
/// A synthetic archive for load tests and benchmarks: Vietnamese-looking articles of real lengths, spread over
/// years, in sections, by authors, with tags and images. The same count and seed always give the same archive.
/// </summary>
public static class ArchiveGenerator
{
    /// <summary>The newest generated article; fixed, so a generated archive does not depend on when it was made.</summary>
    public static readonly DateTimeOffset Newest = new(2024, 12, 31, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] Sections = ["chinh-tri", "kinh-te", "xa-hoi", "van-hoa", "nong-nghiep", "the-thao", "giao-duc"];
    private static readonly string[] Authors =
        ["Hồng Chuyên", "Minh Thuận", "Thu Hà", "Y Thoan Êban", "H'Mai Niê", "Đức Hiếu", "Ngọc Lan", "Quang Vinh", "Bảo Trâm", "Trọng Nghĩa"];
    private static readonly string[] Tags =
        ["Đắk Lắk", "Cà phê", "Tín dụng chính sách", "Buôn Ma Thuột", "OCOP", "Nông thôn mới", "Sầu riêng", "Cồng chiêng", "Giảm nghèo", "Chuyển đổi số"];
    private static readonly string[] Words =
    [
        "tỉnh", "huyện", "xã", "người", "dân", "cán", "bộ", "phát", "triển", "kinh", "tế", "nông", "nghiệp", "cà", "phê", "vốn",
        "vay", "chính", "sách", "hộ", "nghèo", "thu", "hoạch", "mùa", "vụ", "giá", "tăng", "giảm", "năm", "nay", "công", "trình",
        "đường", "giao", "thông", "nông", "thôn", "mới", "văn", "hóa", "buôn", "làng", "đồng", "bào", "dân", "tộc", "thiểu", "số",
        "học", "sinh", "trường", "lớp", "sức", "khỏe", "y", "tế", "doanh", "nghiệp", "sản", "phẩm", "thị", "trường", "xuất", "khẩu",
        "hợp", "tác", "xã", "mô", "hình", "hiệu", "quả", "kế", "hoạch", "triển", "khai", "thực", "hiện", "đạt", "kết", "quả",
    ];

    /// <summary>Every generated article's source key starts with this, so real articles can be told apart.</summary>
    public const string SourceKeyPrefix = "gen:";

    public static IEnumerable<ArticleContent> Generate(int count, int seed, SectionCatalog sections)
    {
        var random = new Random(seed);
        // Spread evenly over at least a year, five years for 100,000 articles, newest first in time order.
        var span = TimeSpan.FromDays(Math.Max(365, 365.0 * 5 * count / 100_000));
        // Whole seconds, so dates survive any store or feed format exactly.
        var step = count <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds / (count - 1)));
        for (var n = 0; n < count; n++)
        {
            var title = Capitalise(Sentence(random, random.Next(8, 16)));
            var images = Enumerable.Range(0, random.Next(0, 3))
                .Select(i => new ArticleImage(
                    string.Create(CultureInfo.InvariantCulture, $"https://static.example.vn/anh/{seed}/{n}-{i}.jpg"),
                    Capitalise(Sentence(random, random.Next(6, 14))), "image/jpeg", random.Next(40_000, 400_000)))
                .ToList();
            yield return new ArticleContent
            {
                SourceKey = string.Create(CultureInfo.InvariantCulture, $"{SourceKeyPrefix}{seed}:{n}"),
                Slug = string.Create(CultureInfo.InvariantCulture, $"bai-tao-{seed}-{n}"),
                Title = title,
                Lead = Paragraph(random, random.Next(25, 45)),
                BodyHtml = Body(random, images),
                Authors = random.Next(5) == 0 ? [Authors[n % Authors.Length], Authors[(n + 3) % Authors.Length]] : [Authors[n % Authors.Length]],
                Section = sections.Resolve(Sections[n % Sections.Length]),
                Tags = [.. new[] { Tags[n % Tags.Length], Tags[random.Next(Tags.Length)], Tags[random.Next(Tags.Length)] }.Distinct()],
                Images = images,
                Published = Newest - (step * (count - 1 - n)),
            };
        }
    }

    private static string Body(Random random, List<ArticleImage> images)
    {
        var html = new StringBuilder();
        var paragraphs = random.Next(5, 12);
        for (var p = 0; p < paragraphs; p++)
        {
            if (p == paragraphs / 2 && random.Next(3) == 0)
            {
                html.Append("<h2>").Append(Capitalise(Sentence(random, random.Next(4, 9)))).Append("</h2>\n");
            }
            if (p - 1 < images.Count && p > 0)
            {
                var image = images[p - 1];
                html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{image.Url}\" alt=\"\"><figcaption>{image.Caption}</figcaption></figure>\n");
            }
            html.Append("<p>").Append(Paragraph(random, random.Next(40, 90))).Append("</p>\n");
        }
        return html.ToString().TrimEnd('\n');
    }

    private static string Paragraph(Random random, int words)
    {
        var text = new StringBuilder();
        while (words > 0)
        {
            var length = Math.Min(words, random.Next(8, 20));
            text.Append(Capitalise(Sentence(random, length))).Append(". ");
            words -= length;
        }
        return text.ToString().TrimEnd();
    }

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];
}
