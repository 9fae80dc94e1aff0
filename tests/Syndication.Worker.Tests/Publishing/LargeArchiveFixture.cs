using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Core.Articles;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>The real service over an archive of 10,000 generated articles spread over five years, built once per test class.</summary>
public sealed class LargeArchiveFixture : IAsyncLifetime
{
    public const int ArticleCount = 10_000;
    public const int PageSize = 200;
    private static readonly DateTimeOffset Oldest = new(2020, 1, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly string[] Sections = ["chinh-tri", "kinh-te", "xa-hoi", "van-hoa", "nong-nghiep"];
    private static readonly string[] Authors = ["Hồng Chuyên", "Minh Thuận", "Thu Hà", "Y Thoan Êban", "H'Mai Niê", "Đức Hiếu"];
    private static readonly string[] Tags = ["Đắk Lắk", "Cà phê", "Tín dụng chính sách", "Buôn Ma Thuột", "OCOP", "Nông thôn mới"];

    private readonly string _root = ServiceUnderTest.NewRoot();

    public ServiceUnderTest Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.Delete(Path.Combine(_root, "seeds"), recursive: true);
        Service = await ServiceUnderTest.StartAsync(_root, "--Syndication:PageSize", PageSize.ToString(CultureInfo.InvariantCulture));
        await AddArticlesAsync(0, ArticleCount);
    }

    /// <summary>Adds generated articles numbered [from, from + count), one every ~4.4 hours from 2020 on.</summary>
    public async Task AddArticlesAsync(int from, int count)
    {
        var store = Service.Services.GetRequiredService<ArticleStore>();
        var catalog = Service.Services.GetRequiredService<SectionCatalog>();
        for (var start = from; start < from + count; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, from + count - start)).Select(n => new ArticleContent
            {
                SourceKey = $"gen:{n}",
                Slug = $"bai-so-{n}",
                Title = $"Bài số {n}: tín dụng chính sách ở Đắk Lắk",
                Lead = $"Tóm tắt bài số {n}.",
                BodyHtml = $"<p>Nội dung bài số {n}.</p>",
                Authors = [Authors[n % Authors.Length]],
                Section = catalog.Resolve(Sections[n % Sections.Length]),
                Tags = [Tags[n % Tags.Length], Tags[(n / 7) % Tags.Length]],
                Published = Oldest.AddMinutes(263L * n),
            }).ToList();
            await store.UpsertAsync(batch, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }
}
