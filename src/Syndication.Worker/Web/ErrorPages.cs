using Microsoft.AspNetCore.Diagnostics;

namespace Syndication.Worker.Web;

/// <summary>
/// Unknown addresses and failures: people get a styled Vietnamese page; feeds, APIs and the operators' endpoints keep
/// their own plain formats, which feed readers and scripts expect.
/// </summary>
public static class ErrorPages
{
    /// <summary>Folders whose clients are programs, not people (the HTML list of feeds, /feeds itself, is for people).</summary>
    private static readonly string[] MachineFolders = ["/feeds", "/partners", "/api", "/assets", "/sitemaps"];

    private static readonly string[] MachineEndpoints = ["/healthz", "/readyz", "/metrics", "/feeds.opml", "/robots.txt"];

    public static bool IsForPeople(PathString path) =>
        !MachineFolders.Any(folder => path.StartsWithSegments(folder, StringComparison.Ordinal, out var rest) && rest.HasValue && rest != "/")
        && !MachineEndpoints.Any(endpoint => path.Equals(endpoint, StringComparison.Ordinal))
        && !(path.Value ?? "").EndsWith(".xml", StringComparison.Ordinal);

    /// <summary>Any address no endpoint answers: a 404 page for people, a plain 404 for programs.</summary>
    /// <remarks>Only for GET and HEAD: a fallback that took every method would also take a PUT to an endpoint that only
    /// answers GET (a probe, the metrics), which must stay 405 Method Not Allowed rather than become a 404.</remarks>
    public static IEndpointRouteBuilder MapNotFoundFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallback("{**path}", (HttpContext context) => IsForPeople(context.Request.Path)
            ? HtmlPages.NotFound("Trang bạn tìm không có ở đây: có thể địa chỉ gõ nhầm, hoặc bài đã được gỡ. Hãy thử tìm kiếm, hoặc xem tin mới nhất.")
            : Results.Text("There is nothing at this address.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    /// <summary>An unexpected failure: logged by ASP.NET Core's handler; the client gets a page or a plain line, never a stack trace.</summary>
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var status = context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
                if (IsForPeople(context.Request.Path))
                {
                    await HtmlPages.Status(status, status == 500 ? "Đã có lỗi xảy ra" : "Yêu cầu không hợp lệ",
                        status == 500
                            ? "Máy chủ gặp lỗi khi mở trang này. Lỗi đã được ghi lại; xin thử lại sau ít phút."
                            : "Máy chủ không hiểu yêu cầu này. Xin kiểm tra lại địa chỉ hoặc biểu mẫu.").ExecuteAsync(context);
                    return;
                }
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(status == 500 ? "Internal error; it has been logged.\n" : "Bad request.\n");
            },
        });
}
