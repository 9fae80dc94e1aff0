using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Syndication.Storage.Articles;
using Syndication.Storage.Search;
using Syndication.Worker.Search;

namespace Syndication.Worker.Tests.Search;

/// <summary>
/// The repository's sample archive (seeds/, 35 articles) with three other outlets' feeds (<see cref="SampleCoverageFixture"/>):
/// each article another outlet wrote about shows that coverage, best first; the distractors — the same subject a year
/// away, a shared place name only, unrelated news — show nowhere.
/// </summary>
public sealed class SampleArchiveCoverageTests(SampleCoverageFixture sample) : IClassFixture<SampleCoverageFixture>
{
    private const string CoverageHeading = "Báo khác viết gì";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Each seed article and the entries written about the same event; an article's first row is its best match.</summary>
    public static readonly TheoryData<string, string> Coverage = new()
    {
        { "tai-canh-ca-phe-buoc-di-can-thiet-de-phat-trien-ben-vung", "Krông Năng: Nông dân nhổ bỏ cà phê già cỗi để tái canh" },
        { "mang-tet-am-den-voi-ho-ngheo-vung-bien-ea-sup", "Trao 300 suất quà Tết cho hộ nghèo xã biên giới Ia Lốp" },
        { "ron-rang-ngay-hoi-cong-chieng-dau-xuan-o-buon-e-de", "Xã Ea Tu rộn tiếng cồng chiêng mừng xuân Giáp Thìn" },
        { "soi-dong-khong-gian-van-hoa-ca-phe-giua-long-buon-ma-thuot", "Khai mạc không gian văn hóa cà phê mừng 49 năm giải phóng Buôn Ma Thuột" },
        { "nang-han-keo-dai-nong-dan-gong-minh-cuu-ca-phe", "Hạn hán gay gắt, hàng nghìn héc-ta cà phê phía Bắc Đắk Lắk thiếu nước" },
        { "nang-han-keo-dai-nong-dan-gong-minh-cuu-ca-phe", "Ea H'leo: Giếng khoan cạn, người trồng cà phê thuê máy bơm kéo nước từ suối" },
        { "ea-kar-nguoi-dan-gop-suc-lam-duong-giao-thong-nong-thon", "Ea Kar: Bà con hiến đất, góp tiền bê tông hóa đường thôn" },
        { "hdnd-tinh-to-chuc-ky-hop-chuyen-de-thong-qua-8-nghi-quyet", "HĐND tỉnh Đắk Lắk họp chuyên đề, điều chỉnh kế hoạch đầu tư công trung hạn" },
        { "gia-ca-phe-lap-dinh-nong-dan-phan-khoi-nhung-khong-chu-quan", "Cà phê nhân xô vượt 100.000 đồng/kg, cao nhất lịch sử" },
        { "gia-ca-phe-lap-dinh-nong-dan-phan-khoi-nhung-khong-chu-quan", "Nông dân Cư Kuin giữ hàng chờ giá khi cà phê lên đỉnh" },
        { "du-lich-ho-lak-hut-khach-dip-nghi-le-30-4-1-5", "Hồ Lắk đông khách dịp nghỉ lễ, thuyền độc mộc kín lịch" },
        { "chu-dong-phong-chong-sot-xuat-huyet-mua-mua", "Đắk Lắk: Ca mắc sốt xuất huyết tăng trở lại khi vào mùa mưa" },
        { "cu-tri-cu-m-gar-kien-nghi-nhieu-van-de-ve-dat-dai-giao-thong", "Cử tri Cư M'gar phản ánh chậm cấp sổ đỏ, đường liên xã xuống cấp" },
        { "gan-25-000-thi-sinh-dak-lak-hoan-thanh-buoi-thi-dau-tien-ky-thi-tot-nghiep-thpt", "Đắk Lắk: Gần 25.000 thí sinh làm bài thi Ngữ văn, không có thí sinh vi phạm quy chế" },
        { "be-mac-ky-hop-thuong-le-giua-nam-2024-hdnd-tinh-thong-qua-21-nghi-quyet", "HĐND tỉnh Đắk Lắk bế mạc kỳ họp giữa năm, thông qua 21 nghị quyết" },
        { "be-mac-ky-hop-thuong-le-giua-nam-2024-hdnd-tinh-thong-qua-21-nghi-quyet", "Chất vấn về giải ngân đầu tư công và sầu riêng trồng tự phát tại kỳ họp HĐND tỉnh Đắk Lắk" },
        { "sau-rieng-dak-lak-tang-toc-xuat-khau-chinh-ngach", "Doanh nghiệp ở Krông Pắc chạy hết công suất đóng gói sầu riêng sang Trung Quốc" },
        { "kham-sang-loc-benh-khong-lay-nhiem-mien-phi-cho-nguoi-dan-vung-bien-ea-sup", "Hơn 800 người dân hai xã biên giới Ea Súp được khám, cấp thuốc miễn phí" },
        { "krong-pac-vao-vu-thu-hoach-sau-rieng-chinh-vu", "Nhà vườn Krông Pắc tất bật thu hoạch sầu riêng chính vụ" },
        { "hon-1-500-van-dong-vien-tham-gia-giai-viet-da-truyen-thong", "Sôi nổi giải Việt dã truyền thống TP Buôn Ma Thuột 2024" },
    };

    /// <summary>Entries no article may show as its coverage, and why each is not.</summary>
    private static readonly string[] Distractors =
    [
        // The subjects of seed articles, but a year or more away: outside the window.
        "Giá cà phê hôm nay 22/4: Lao dốc phiên thứ ba liên tiếp, mất mốc 100.000 đồng/kg",
        "Tái canh cà phê: Bài học từ những vườn cây chết vì nóng vội",
        "Lễ hội cồng chiêng năm 2023 khép lại với đêm diễn của 20 đội chiêng",
        "Khai mạc kỳ họp thứ Mười, HĐND tỉnh Đắk Lắk khóa X",
        // A district an article is about, a day or two from it, and nothing else in common.
        "Ea Kar: Bắt quả tang hai đối tượng trộm cà phê nhân trong kho",
        "Xe tải va chạm xe máy trên Quốc lộ 14 đoạn qua Cư M'gar, một người tử vong",
        // Unrelated news that names the province or the city.
        "Đắk Lắk đánh bại Bình Phước, lên nhì bảng giải hạng Nhì",
        "Tây Nguyên mưa dông diện rộng, cảnh báo lốc sét và mưa đá",
    ];

    private readonly ServiceUnderTest _service = sample.Service;

    public static TheoryData<string, string> BestCoverage()
    {
        var best = new TheoryData<string, string>();
        foreach (var (slug, title) in Rows().DistinctBy(row => row.Slug))
        {
            best.Add(slug, title);
        }
        return best;
    }

    [Theory]
    [MemberData(nameof(Coverage))]
    public async Task Each_article_page_lists_the_coverage_written_about_its_event(string slug, string entryTitle)
    {
        var page = WebUtility.HtmlDecode(await _service.Client.GetStringAsync($"articles/{slug}"));

        var heading = page.IndexOf(CoverageHeading, StringComparison.Ordinal);
        Assert.True(heading >= 0, $"{slug} has no '{CoverageHeading}' section");
        Assert.True(page.IndexOf(entryTitle, heading, StringComparison.Ordinal) > heading, $"{slug} does not list '{entryTitle}' as coverage");
    }

    [Theory]
    [MemberData(nameof(Coverage))]
    public async Task Each_article_coverage_feed_holds_the_entry_written_about_its_event(string slug, string entryTitle)
    {
        using var response = await _service.Client.GetAsync($"feeds/articles/{slug}/related.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var titles = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!
            .Elements(Atom + "entry").Select(entry => entry.Element(Atom + "title")!.Value);
        Assert.Contains(entryTitle, titles);
    }

    [Theory]
    [MemberData(nameof(BestCoverage))]
    public async Task The_entry_about_the_same_event_ranks_first_among_an_articles_coverage(string slug, string entryTitle)
    {
        var options = _service.Services.GetRequiredService<IOptions<SearchOptions>>().Value.Relation;

        var explanation = await _service.Services.GetRequiredService<CoverageStore>().ExplainAsync(slug, options, CancellationToken.None);

        var kept = explanation!.Candidates.Where(candidate => candidate.Kept).Select(candidate => candidate.Title).ToList();
        Assert.Equal(entryTitle, kept.FirstOrDefault());
        Assert.Superset(Rows().Where(row => row.Slug == slug).Select(row => (string?)row.Title).ToHashSet(), kept.ToHashSet());
    }

    [Fact]
    public async Task No_distractor_is_anyones_coverage_and_articles_nobody_wrote_about_show_none()
    {
        var articles = await _service.Services.GetRequiredService<ArticleStore>().GetLatestAsync(100, ArticleFacet.Site, CancellationToken.None);
        var covered = Rows().Select(row => row.Slug).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(35, articles.Count);
        Assert.Subset(articles.Select(article => article.Slug).ToHashSet(StringComparer.Ordinal), covered);
        foreach (var article in articles)
        {
            var page = WebUtility.HtmlDecode(await _service.Client.GetStringAsync($"articles/{article.Slug}"));
            var feed = WebUtility.HtmlDecode(await _service.Client.GetStringAsync($"feeds/articles/{article.Slug}/related.atom"));
            Assert.All(Distractors, title => Assert.DoesNotContain(title, page));
            Assert.All(Distractors, title => Assert.DoesNotContain(title, feed));
            if (!covered.Contains(article.Slug))
            {
                Assert.False(page.Contains(CoverageHeading, StringComparison.Ordinal), $"{article.Slug} shows coverage nobody wrote about it");
            }
        }
    }

    [Fact]
    public async Task The_distractors_were_ingested_so_staying_out_is_the_relating_at_work()
    {
        var related = WebUtility.HtmlDecode(await _service.Client.GetStringAsync("feeds/related/atom.xml"));

        Assert.All(Distractors, title => Assert.Contains(title, related));
    }

    private static IEnumerable<(string Slug, string Title)> Rows() =>
        Coverage.Select(row => ((string)row[0], (string)row[1]));
}
