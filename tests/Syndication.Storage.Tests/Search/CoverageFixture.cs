using Dapper;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;

namespace Syndication.Storage.Tests.Search;

/// <summary>
/// A small archive and three outlets' entries, written for these tests: each article has one entry that is plainly
/// its coverage, some have a weaker second one, and there are distractors — the same topic a year and a half
/// earlier, the province's name everywhere, and news from elsewhere.
/// </summary>
internal static class CoverageFixture
{
    public static readonly Section Economy = new("kinh-te", "Kinh tế");
    public static readonly Section Society = new("xa-hoi", "Xã hội");
    public static readonly Section Culture = new("van-hoa", "Văn hóa");

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 2, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<ArticleContent> Articles { get; } =
    [
        Article("tin-dung-krong-pac", Economy, Day(2026, 11, 10),
            "Vốn tín dụng chính sách giúp hơn 2.000 hộ ở Krông Pắc thoát nghèo",
            "Năm 2026, Phòng giao dịch Ngân hàng Chính sách xã hội huyện Krông Pắc giải ngân hơn 180 tỷ đồng cho hộ nghèo, hộ cận nghèo vay vốn sản xuất.",
            "<p>Tại xã Ea Kly, gia đình anh Y Khu Niê vay 100 triệu đồng từ tổ tiết kiệm và vay vốn của thôn để nuôi bò sinh sản và trồng sầu riêng xen cà phê.</p>"
            + "<p>Sau ba năm, đàn bò đã lên 7 con, vườn sầu riêng cho thu hoạch lứa đầu. “Không có đồng vốn tín dụng chính sách thì nhà tôi không dám nghĩ tới”, anh nói.</p>"
            + "<p>Theo Ngân hàng Chính sách xã hội huyện Krông Pắc, dư nợ đạt hơn 900 tỷ đồng với 41 tổ tiết kiệm và vay vốn; tỷ lệ nợ quá hạn dưới 0,2%.</p>"),
        Article("gia-ca-phe-ky-luc", Economy, Day(2026, 11, 12),
            "Giá cà phê lập kỷ lục mới, nông dân Đắk Lắk phấn khởi vào vụ thu hoạch",
            "Giá cà phê nhân xô tại Buôn Ma Thuột vượt 130.000 đồng/kg, cao nhất từ trước tới nay.",
            "<p>Nhiều nhà vườn ở Cư M'gar tranh thủ thu hoạch cà phê khi trời nắng ráo. Giá cà phê tăng khiến nhân công hái cà phê khan hiếm, tiền công lên 350.000 đồng mỗi ngày.</p>"
            + "<p>Các doanh nghiệp xuất khẩu cho biết lượng cà phê nhân thu mua chậm vì nông dân găm hàng chờ giá.</p>"),
        Article("le-hoi-cong-chieng", Culture, Day(2026, 11, 5),
            "Buôn Ma Thuột rộn ràng Lễ hội Cồng chiêng các dân tộc Tây Nguyên",
            "Hơn 600 nghệ nhân của 30 đội cồng chiêng tham gia trình diễn tại quảng trường trung tâm.",
            "<p>Lễ hội cồng chiêng là dịp tôn vinh không gian văn hóa cồng chiêng Tây Nguyên, di sản văn hóa phi vật thể của nhân loại.</p>"
            + "<p>Các nghệ nhân đồng bào Ê Đê, M'nông, Gia Rai trình diễn nghi lễ cúng mừng lúa mới, diễn xướng sử thi.</p>"),
        Article("sat-lo-quoc-lo-26", Society, Day(2026, 11, 15),
            "Sạt lở nghiêm trọng trên Quốc lộ 26 đoạn qua đèo Phượng Hoàng",
            "Mưa lớn kéo dài khiến hàng nghìn mét khối đất đá tràn xuống mặt đường đèo Phượng Hoàng, huyện M'Drắk.",
            "<p>Giao thông qua Quốc lộ 26 bị ách tắc nhiều giờ. Lực lượng chức năng huy động máy xúc dọn đất đá, phân luồng xe qua đèo.</p>"
            + "<p>Sở Giao thông vận tải khuyến cáo người dân hạn chế đi qua đèo Phượng Hoàng khi trời mưa lớn.</p>"),
        Article("tuyen-sinh-lop-10", Society, Day(2026, 11, 18),
            "Đắk Lắk công bố phương án tuyển sinh lớp 10 năm học 2027-2028",
            "Sở Giáo dục và Đào tạo dự kiến tổ chức thi tuyển ba môn: Ngữ văn, Toán và Ngoại ngữ.",
            "<p>Phương án tuyển sinh lớp 10 áp dụng cho các trường trung học phổ thông công lập trên địa bàn tỉnh. Học sinh đăng ký tối đa hai nguyện vọng.</p>"),
        Article("tin-dung-ea-sup-10-nam", Economy, Day(2025, 3, 1),
            "Mười năm tín dụng chính sách ở Ea Súp: hộ nghèo giảm một nửa",
            "Ngân hàng Chính sách xã hội huyện Ea Súp tổng kết 10 năm cho vay hộ nghèo, hộ cận nghèo.",
            "<p>Vốn tín dụng chính sách giúp hàng nghìn hộ nghèo ở Ea Súp có vốn làm ăn; tổ tiết kiệm và vay vốn hoạt động hiệu quả.</p>"),
    ];

    /// <summary>The outlets and their entries; entry links end in a name the tests refer to.</summary>
    public static IReadOnlyList<(string FeedUrl, string Title, IReadOnlyList<ParsedEntry> Entries)> Sources { get; } =
    [
        ("https://nongthon.example/rss", "Nông thôn Tây Nguyên",
        [
            Entry("nongthon.example", "krong-pac-von-vay", Day(2026, 11, 11),
                "Krông Pắc: vốn vay ưu đãi giúp hàng nghìn hộ nghèo thoát nghèo bền vững",
                "<p>Ngân hàng Chính sách xã hội huyện Krông Pắc đã giải ngân hơn 180 tỷ đồng vốn tín dụng chính sách cho hộ nghèo, hộ cận nghèo.</p>",
                "<p>Ở xã Ea Kly, nhiều hộ vay vốn qua tổ tiết kiệm và vay vốn để nuôi bò sinh sản, trồng sầu riêng. Nợ quá hạn được kiểm soát dưới 0,2%.</p>"),
            Entry("nongthon.example", "nhan-cong-hai-ca-phe", Day(2026, 11, 13),
                "Vào vụ thu hoạch cà phê, nông dân Đắk Lắk thiếu nhân công hái",
                "<p>Giá cà phê cao kỷ lục, tiền công hái cà phê ở Cư M'gar lên tới 350.000 đồng mỗi ngày mà vẫn khó thuê người.</p>",
                null),
            Entry("nongthon.example", "tong-ket-giam-ngheo", Day(2026, 11, 14),
                "Đắk Lắk tổng kết công tác giảm nghèo năm 2026",
                "<p>Tỷ lệ hộ nghèo toàn tỉnh giảm còn 7,2%. Nhiều huyện vượt chỉ tiêu giảm nghèo.</p>",
                null),
        ]),
        // An outlet whose feed drops Vietnamese marks (an old CMS): its text must still be related and found.
        ("https://taynguyen.example/feed", "Tin nhanh Tây Nguyên",
        [
            Entry("taynguyen.example", "tin-dung-tiep-suc", Day(2026, 11, 20),
                "Tin dung chinh sach tiep suc ho ngheo Krong Pac",
                "<p>Ngan hang Chinh sach xa hoi huyen Krong Pac cho vay von ho ngheo nuoi bo sinh san, trong sau rieng.</p>",
                null),
            Entry("taynguyen.example", "gia-ca-phe-hom-nay", Day(2026, 11, 12),
                "Gia ca phe hom nay 12/11: tang manh, vuot 130.000 dong/kg",
                "<p>Gia ca phe nhan xo tai Dak Lak va Buon Ma Thuot lap ky luc moi.</p>",
                null),
            Entry("taynguyen.example", "deo-phuong-hoang", Day(2026, 11, 15),
                "Quoc lo 26 qua deo Phuong Hoang sat lo, xe un tac nhieu gio",
                "<p>Dat da tran xuong mat duong deo Phuong Hoang sau mua lon, giao thong qua Quoc lo 26 bi ach tac.</p>",
                null),
            Entry("taynguyen.example", "bong-da-aff", Day(2026, 11, 16),
                "Doi tuyen bong da Viet Nam chot danh sach du AFF Cup",
                "<p>Huan luyen vien cong bo danh sach 26 cau thu.</p>",
                null),
        ]),
        ("https://daklak.gov.example/tin-tuc.rss", "Cổng thông tin điện tử tỉnh",
        [
            Entry("daklak.gov.example", "le-hoi-cong-chieng", Day(2026, 11, 6),
                "Lễ hội Cồng chiêng Tây Nguyên thu hút hàng nghìn du khách đến Buôn Ma Thuột",
                "<p>Hơn 600 nghệ nhân thuộc 30 đội cồng chiêng trình diễn, tái hiện không gian văn hóa cồng chiêng Tây Nguyên.</p>",
                null),
            Entry("daklak.gov.example", "tuyen-sinh-10", Day(2026, 11, 19),
                "Đắk Lắk dự kiến thi tuyển sinh lớp 10 ba môn",
                "<p>Sở Giáo dục và Đào tạo lấy ý kiến phương án tuyển sinh lớp 10 năm học 2027-2028.</p>",
                null),
            Entry("daklak.gov.example", "ea-sup-10-nam", Day(2025, 3, 2),
                "Ea Súp tổng kết 10 năm thực hiện tín dụng chính sách",
                "<p>Vốn tín dụng chính sách của Ngân hàng Chính sách xã hội giúp hộ nghèo Ea Súp giảm một nửa; tổ tiết kiệm và vay vốn hoạt động hiệu quả.</p>",
                null),
            Entry("daklak.gov.example", "xe-buyt-dien", Day(2026, 11, 9),
                "Hà Nội mở tuyến xe buýt điện nối trung tâm với sân bay Nội Bài",
                "<p>Tuyến xe buýt điện mới chạy 15 phút một chuyến.</p>",
                null),
        ]),
    ];

    /// <summary>A day after the newest article and entry of the fixture.</summary>
    public static readonly DateTimeOffset StoredAt = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Stores the articles and one poll per outlet; returns entry ids by the last part of their link.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> StoreAsync(TestDatabase temporary)
    {
        // Stored after the articles' dates, or they would be under embargo (dated ahead of the clock) and shown nowhere.
        if (temporary.Clock.GetUtcNow() < StoredAt)
        {
            temporary.Clock.SetUtcNow(StoredAt);
        }
        await new ArticleStore(temporary.Database, temporary.Clock).UpsertAsync(Articles, CancellationToken.None);
        var sources = new SourceStore(temporary.Database, temporary.Clock);
        var entries = new EntryStore(temporary.Database);
        foreach (var (feedUrl, title, items) in Sources)
        {
            var source = await sources.AddAsync(new OpmlOutline(feedUrl, title, null, null), SourceOrigins.Cli, CancellationToken.None);
            var now = temporary.Clock.GetUtcNow();
            await entries.SavePollAsync(
                new PollRecord { SourceId = source.Id, PolledAt = now, Succeeded = true, HttpStatus = 200, NextPoll = now.AddMinutes(30), IntervalMinutes = 30, FeedTitle = title },
                items, CancellationToken.None);
        }
        await using var connection = await temporary.Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(long Id, string Link)>("SELECT id, link FROM entries");
        return rows.ToDictionary(row => row.Link[(row.Link.LastIndexOf('/') + 1)..], row => row.Id);
    }

    private static ArticleContent Article(string slug, Section section, DateTimeOffset published, string title, string lead, string body) => new()
    {
        SourceKey = "fixture:" + slug,
        Slug = slug,
        Title = title,
        Lead = lead,
        BodyHtml = body,
        Section = section,
        Published = published,
    };

    private static ParsedEntry Entry(string host, string name, DateTimeOffset published, string title, string summary, string? content) =>
        new($"https://{host}/{name}", $"https://{host}/{name}", title, published, null, [], summary, content, [], []);
}
