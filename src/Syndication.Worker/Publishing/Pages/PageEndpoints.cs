using System.Globalization;
using Syndication.Storage.Articles;
using Syndication.Worker.Web;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>Maps the archive's HTML pages: the front page, the feeds, sections, authors, tags, months and articles.</summary>
public static class PageEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    private const string BadPage = "Số trang phải là một số nguyên từ 1 trở lên, ví dụ ?page=2.";

    public static IEndpointRouteBuilder MapArchivePages(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", GetAndHead, async (HttpContext context, ArchivePages pages) =>
            PageNumber.Parse(context.Request) is not { } page ? HtmlPages.BadRequest(BadPage)
            : await pages.HomeAsync(page, context.RequestAborted) is { } home ? HtmlPages.Page<HomePage>(home)
            : HtmlPages.NotFound($"Trang {page} không có: danh sách bài chưa dài đến thế.", "Không có trang này"));

        app.MapMethods("/feeds", GetAndHead, async (HttpContext context, FeedCatalog catalog) =>
            HtmlPages.Page<FeedsPage>(await catalog.ListAsync(context.RequestAborted)));

        MapFacet(app, "sections", FacetKind.Section, "chuyên mục");
        MapFacet(app, "authors", FacetKind.Author, "tác giả");
        MapFacet(app, "tags", FacetKind.Tag, "chủ đề");

        // As IResult: the generated endpoint code cannot name a Razor component's type (another generator makes it).
        app.MapMethods("/archive", GetAndHead, async (HttpContext context, ArchiveCalendar calendar) =>
            (IResult)new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<ArchiveIndexPage>(new { Months = await calendar.MonthsAsync(context.RequestAborted) }));

        app.MapMethods("/archive/{month}", GetAndHead, async (HttpContext context, string month, ArchivePages pages) =>
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                return HtmlPages.NotFound($"“{month}” không phải một tháng: địa chỉ lưu trữ có dạng /archive/2024-04.");
            }
            if (PageNumber.Parse(context.Request) is not { } page)
            {
                return HtmlPages.BadRequest(BadPage);
            }
            return await pages.MonthAsync(first, page, context.RequestAborted) is { } model
                ? HtmlPages.Page<MonthPage>(model)
                : HtmlPages.NotFound("Lưu trữ không có tháng (hay trang) này: các tháng chạy từ bài đầu tiên đến bài mới nhất.", "Không có tháng này");
        });

        app.MapMethods("/articles/{slug}", GetAndHead, async (HttpContext context, string slug, ArchivePages pages) =>
            await pages.ArticleAsync(slug, context.RequestAborted) is { } article
                ? HtmlPages.Page<ArticlePage>(article)
                : HtmlPages.NotFound("Không có bài viết ở địa chỉ này: có thể địa chỉ gõ nhầm, hoặc bài đã được gỡ.", "Không tìm thấy bài viết"));
        return app;
    }

    private static void MapFacet(IEndpointRouteBuilder app, string folder, FacetKind kind, string name) =>
        app.MapMethods($"/{folder}/{{slug}}", GetAndHead, async (HttpContext context, string slug, ArchivePages pages) =>
            PageNumber.Parse(context.Request) is not { } page ? HtmlPages.BadRequest(BadPage)
            : await pages.FacetAsync(kind, slug, page, context.RequestAborted) is { } model ? HtmlPages.Page<FacetPage>(model)
            : HtmlPages.NotFound($"Không có {name} “{slug}” (hay trang {page} của nó).", $"Không tìm thấy {name}"));
}
