using Syndication.Core.Articles;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Publishing;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>The site, articles and ingested entries the rendering tests share.</summary>
internal static class RenderingSamples
{
    public static readonly Site Site = new(
        new Uri("http://example.test/"), "Báo Đắk Lắk", "Tin bài của báo", "vi", TestData.ArchiveZone);

    public static readonly Section Politics = new("chinh-tri", "Chính trị");

    /// <summary>The sample article as the store would hand it over: published 17:03 local, edited the next morning.</summary>
    public static Article SampleArticle() => new()
    {
        Id = 1,
        StableId = StableIds.FromName("txt:000_91e8b4edcccac0ee"),
        Slug = "tang-cuong-su-lanh-dao",
        Title = "Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội",
        Lead = "Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 940.",
        BodyHtml = "<p>Theo đó, các cấp ủy tăng cường lãnh đạo.</p>\n<figure><figcaption>Cán bộ hỗ trợ người dân</figcaption></figure>",
        Authors = ["Hồng Chuyên", "Minh Thuận"],
        Section = Politics,
        Tags = ["tín dụng", "CSXH"],
        Published = new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero),
        Updated = new DateTimeOffset(2021, 7, 30, 1, 30, 0, TimeSpan.Zero),
        ContentHash = "hash-1",
    };

    /// <summary>An older article without lead or byline.</summary>
    public static Article OlderArticle() => new()
    {
        Id = 2,
        StableId = StableIds.FromName("txt:older"),
        Slug = "kien-tao-kinh-te",
        Title = "Kiến tạo kinh tế nông nghiệp",
        BodyHtml = "<p>Đắk Lắk không chỉ nằm trong khu vực có hệ sinh thái phong phú.</p>",
        Section = new Section("kinh-te", "Kinh tế"),
        Published = new DateTimeOffset(2021, 7, 20, 2, 0, 0, TimeSpan.Zero),
        Updated = new DateTimeOffset(2021, 7, 20, 2, 0, 0, TimeSpan.Zero),
        ContentHash = "hash-2",
    };

    /// <summary>The sample article with images as a JSON Lines import gives them: a full lead image, one without a
    /// length, and one known only by its caption (as in the seeds).</summary>
    public static Article IllustratedArticle() => SampleArticle() with
    {
        Images =
        [
            new ArticleImage("https://img.example.test/2021/07/lanh-dao.jpg", "Hội nghị triển khai Công văn 940", "image/jpeg", 48213),
            new ArticleImage("https://img.example.test/2021/07/nguoi-dan.png", "Cán bộ hỗ trợ người dân", "image/png"),
            new ArticleImage(null, "Ảnh chỉ có chú thích"),
        ],
    };

    /// <summary>An entry republished from another outlet, with an HTML summary and an image enclosure.</summary>
    public static IngestedEntry RelatedEntry() => new()
    {
        Id = 7,
        StableId = StableIds.FromName("entry:7"),
        SourceId = 3,
        SourceTitle = "Báo Nông nghiệp",
        SourceUrl = "https://nongnghiep.example.test/rss/ca-phe.rss",
        SourceSiteUrl = "https://nongnghiep.example.test/",
        OriginalId = "https://nongnghiep.example.test/gia-ca-phe-tang-manh-post1234.html",
        Link = "https://nongnghiep.example.test/gia-ca-phe-tang-manh-post1234.html",
        Title = "Giá cà phê tăng mạnh",
        SummaryHtml = "<p>Giá cà phê <b>Tây Nguyên</b> hôm nay tăng 2.000 đồng/kg.</p>",
        ContentHtml = "<p>Giá cà phê Tây Nguyên hôm nay tăng 2.000 đồng/kg.</p><p>Đắk Lắk dẫn đầu.</p>",
        Authors = ["Quang Yên"],
        Categories = ["Cà phê"],
        Enclosures = [new Enclosure("https://nongnghiep.example.test/anh/ca-phe.jpg", "image/jpeg", 30500)],
        Published = new DateTimeOffset(2024, 10, 2, 0, 15, 0, TimeSpan.Zero),
        Sort = new DateTimeOffset(2024, 10, 2, 0, 15, 0, TimeSpan.Zero),
        FirstSeen = new DateTimeOffset(2024, 10, 2, 1, 0, 0, TimeSpan.Zero),
        LastSeen = new DateTimeOffset(2024, 10, 2, 1, 0, 0, TimeSpan.Zero),
    };
}
