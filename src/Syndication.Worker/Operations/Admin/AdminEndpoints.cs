using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Syndication.Core.Ingestion.Opml;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Partners;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Sources;
using Syndication.Worker.Partners;
using Syndication.Worker.Web;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// Maps the admin console (<c>/admin/…</c>: a login form, then pages and forms behind a session cookie, every post with
/// an anti-forgery token) and the JSON API <c>/api/sources</c> (an admin partner key as Bearer).
/// </summary>
public static class AdminEndpoints
{
    private const int UsageDays = 7;
    private const int EntriesShown = 30;

    /// <summary>An OPML upload larger than this is refused; real subscription lists are a few hundred KB at most.</summary>
    private const long MaxOpmlBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sources", async (SourceStore sources, CancellationToken cancellationToken) =>
            Results.Json((await sources.ListAsync(includeRemoved: true, cancellationToken)).Select(SourceHealth.Of)))
            .AdminOnly();

        var door = app.MapGroup(AdminPaths.Home).AddEndpointFilter(RefuseWithoutToken);
        door.MapGet("", LoginOrHomeAsync);
        door.MapPost("/login", SignInAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());

        var console = app.MapGroup(AdminPaths.Home)
            .RequireAuthorization(AdminSession.Policy)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AddEndpointFilter(RefuseWithoutToken)
            .AddEndpointFilter(NotStored);
        console.MapPost("/logout", async (HttpContext context) =>
        {
            await AdminSession.SignOutAsync(context);
            return Redirect(context, AdminPaths.Login, "logged-out");
        });
        console.MapGet("/sources", SourcesAsync);
        console.MapPost("/sources", AddSourceAsync);
        console.MapPost("/sources/import", ImportSourcesAsync);
        console.MapGet("/sources/{id:long}", SourceAsync);
        console.MapPost("/sources/{id:long}/poll", PollSourceAsync);
        console.MapPost("/sources/{id:long}/remove", RemoveSourceAsync);
        console.MapGet("/partners", PartnersAsync);
        console.MapPost("/partners", CreatePartnerAsync);
        console.MapPost("/partners/{id:long}/revoke", RevokePartnerAsync);
        console.MapGet("/partners/{id:long}/profile", PartnerProfileAsync);
        console.MapPost("/partners/{id:long}/profile", SavePartnerProfileAsync);
        console.MapGet("/usage", UsageAsync);
        console.MapRules();
        console.MapAlerts();
        return app;
    }

    private static async Task<IResult> LoginOrHomeAsync(HttpContext context, IAntiforgery antiforgery, string? next, string? done)
    {
        var session = await context.AuthenticateAsync(AdminSession.Scheme);
        if (session.Succeeded)
        {
            return Results.Redirect(context.Request.PathBase + AdminPaths.Sources);
        }
        context.Response.Headers.CacheControl = "no-store";
        return HtmlPages.Page<Pages.LoginPage>(new LoginModel(Chrome(context, antiforgery, Notice(done, null)), LocalPath(next)));
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, PartnerRegistry registry)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var partner = await registry.VerifyAsync(form["key"].ToString().Trim(), context.RequestAborted);
        var next = LocalPath(form["next"].ToString());
        if (partner is null || !partner.Scopes.Contains(PartnerScopes.Admin))
        {
            // One message for every refusal, as the key scheme gives: whether a key exists is nobody's business.
            context.Response.Headers.CacheControl = "no-store";
            return HtmlPages.Page<Pages.LoginPage>(
                new LoginModel(Chrome(context, antiforgery, null) with { Error = "Khóa không đúng, đã bị thu hồi, hoặc không có quyền quản trị (admin)." }, next),
                StatusCodes.Status401Unauthorized);
        }
        await AdminSession.SignInAsync(context, partner);
        return Results.Redirect(context.Request.PathBase + (next ?? AdminPaths.Sources));
    }

    private static async Task<IResult> SourcesAsync(HttpContext context, IAntiforgery antiforgery, SourceStore sources, string? done, long? id)
    {
        var all = await sources.ListAsync(includeRemoved: true, context.RequestAborted);
        return HtmlPages.Page<Pages.SourcesPage>(new SourcesModel(Chrome(context, antiforgery, Notice(done, id)), all));
    }

    private static async Task<IResult> AddSourceAsync(HttpContext context, IAntiforgery antiforgery, SourceCatalog catalog, SourceStore sources)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var url = form["url"].ToString();
        var title = form["title"].ToString();
        var added = await catalog.AddAsync(url, title, context.RequestAborted);
        if (added.Source is { } source)
        {
            return Redirect(context, AdminPaths.Source(source.Id), "added");
        }
        var error = added.Refusal == SourceRefusal.OwnFeed
            ? $"Không thêm {url.Trim()}: đó là một kênh tin của chính dịch vụ này; chỉ lấy tin từ trang khác."
            : $"Không thêm được: “{url.Trim()}” không phải một địa chỉ http(s) đầy đủ (ví dụ https://baomoi.example/rss.xml).";
        var all = await sources.ListAsync(includeRemoved: true, context.RequestAborted);
        return HtmlPages.Page<Pages.SourcesPage>(
            new SourcesModel(Chrome(context, antiforgery, null) with { Error = error }, all, url, title), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ImportSourcesAsync(HttpContext context, IAntiforgery antiforgery, SourceCatalog catalog, SourceStore sources)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("opml");
        string? error = null;
        if (file is null || file.Length == 0)
        {
            error = "Chưa chọn tệp OPML, hoặc tệp trống.";
        }
        else if (file.Length > MaxOpmlBytes)
        {
            error = $"Tệp {file.FileName} quá lớn ({AdminText.Bytes(file.Length)}; tối đa {AdminText.Bytes(MaxOpmlBytes)}).";
        }
        else
        {
            try
            {
                using var reader = new StreamReader(file.OpenReadStream());
                var outlines = OpmlDocument.Parse(await reader.ReadToEndAsync(context.RequestAborted), file.FileName);
                var imported = await catalog.ImportAsync(outlines, context.RequestAborted);
                var notice = $"Đã nhập {imported.Added} nguồn từ {file.FileName}."
                    + (imported.RefusedOwnFeeds.Count > 0 ? $" Bỏ qua {imported.RefusedOwnFeeds.Count} kênh của chính dịch vụ này." : "");
                return HtmlPages.Page<Pages.SourcesPage>(new SourcesModel(
                    Chrome(context, antiforgery, notice), await sources.ListAsync(includeRemoved: true, context.RequestAborted)));
            }
            catch (FormatException parseError)
            {
                error = $"Không đọc được tệp OPML: {parseError.Message}";
            }
        }
        var all = await sources.ListAsync(includeRemoved: true, context.RequestAborted);
        return HtmlPages.Page<Pages.SourcesPage>(
            new SourcesModel(Chrome(context, antiforgery, null) with { Error = error }, all), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> SourceAsync(
        HttpContext context, IAntiforgery antiforgery, SourceStore sources, EntryStore entries, PushView.Reader push, long id, string? done)
    {
        var source = await sources.GetAsync(id, context.RequestAborted);
        if (source is null)
        {
            return HtmlPages.NotFound($"Không có nguồn tin số {id}.", "Không có nguồn tin này");
        }
        return HtmlPages.Page<Pages.SourcePage>(new SourceModel(
            Chrome(context, antiforgery, Notice(done, id)),
            source,
            await entries.GetRecentPollsAsync(id, context.RequestAborted),
            await entries.GetLatestOfSourceAsync(id, EntriesShown, context.RequestAborted),
            await push.ReadAsync(id, context.RequestAborted)));
    }

    private static async Task<IResult> PollSourceAsync(HttpContext context, PollNow poll, long id) =>
        await poll.PollAsync(id, context.RequestAborted)
            ? Redirect(context, AdminPaths.Source(id), "polled")
            : HtmlPages.NotFound($"Không có nguồn tin số {id} đang hoạt động để lấy.", "Không có nguồn tin này");

    private static async Task<IResult> RemoveSourceAsync(HttpContext context, SourceCatalog catalog, long id) =>
        await catalog.RemoveAsync(id, context.RequestAborted)
            ? Redirect(context, AdminPaths.Sources, "removed", id)
            : HtmlPages.NotFound($"Không có nguồn tin số {id} đang hoạt động để gỡ.", "Không có nguồn tin này");

    private static async Task<IResult> PartnersAsync(HttpContext context, IAntiforgery antiforgery, PartnerStore partners, string? done, long? id) =>
        HtmlPages.Page<Pages.PartnersPage>(new PartnersModel(
            Chrome(context, antiforgery, Notice(done, id)), await partners.ListAsync(context.RequestAborted), context.User.PartnerId()));

    private static async Task<IResult> CreatePartnerAsync(HttpContext context, IAntiforgery antiforgery, PartnerRegistry registry, PartnerStore partners)
    {
        var form = PartnerForm.Read(await context.Request.ReadFormAsync(context.RequestAborted));
        string? error = null;
        int? rate = null;
        if (form.Rate is { } text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
            {
                rate = parsed;
            }
            else
            {
                error = $"Số yêu cầu mỗi phút phải là một số nguyên từ 1 trở lên (đã nhập “{text}”).";
            }
        }
        if (error is null)
        {
            var (partner, key, refusal) = await registry.AddAsync(form.Name, form.Scopes, rate, context.RequestAborted);
            if (partner is not null && key is not null)
            {
                // Answered here rather than redirected: the key must not travel in a URL, and is shown this once.
                return HtmlPages.Page<Pages.PartnersPage>(new PartnersModel(
                    Chrome(context, antiforgery, $"Đã tạo khóa cho {partner.Name}."),
                    await partners.ListAsync(context.RequestAborted), context.User.PartnerId(), new CreatedKey(partner, key.ToString())));
            }
            error = "Không tạo được khóa: " + refusal;
        }
        return HtmlPages.Page<Pages.PartnersPage>(new PartnersModel(
            Chrome(context, antiforgery, null) with { Error = error },
            await partners.ListAsync(context.RequestAborted), context.User.PartnerId(), Form: form), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> RevokePartnerAsync(HttpContext context, PartnerStore partners, long id) =>
        await partners.RevokeAsync(id.ToString(CultureInfo.InvariantCulture), context.RequestAborted)
            ? Redirect(context, AdminPaths.Partners, "revoked", id)
            : HtmlPages.NotFound($"Không có đối tác số {id} đang dùng khóa để thu hồi.", "Không có đối tác này");

    private static async Task<IResult> PartnerProfileAsync(HttpContext context, IAntiforgery antiforgery, PartnerStore partners, long id) =>
        await partners.FindAsync(id.ToString(CultureInfo.InvariantCulture), context.RequestAborted) is { } partner
            ? HtmlPages.Page<Pages.PartnerProfilePage>(new PartnerProfileModel(Chrome(context, antiforgery, null), partner))
            : HtmlPages.NotFound($"Không có đối tác số {id}.", "Không có đối tác này");

    private static async Task<IResult> SavePartnerProfileAsync(HttpContext context, IAntiforgery antiforgery, PartnerStore partners, long id)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        if (await partners.FindAsync(key, context.RequestAborted) is not { } partner)
        {
            return HtmlPages.NotFound($"Không có đối tác số {id}.", "Không có đối tác này");
        }
        var form = PartnerProfileForm.Read(await context.Request.ReadFormAsync(context.RequestAborted));
        var (profile, field, error) = form.ToEdit().ApplyTo(partner.Profile);
        if (profile is null)
        {
            return HtmlPages.Page<Pages.PartnerProfilePage>(new PartnerProfileModel(
                Chrome(context, antiforgery, null) with { Error = $"Không lưu được hồ sơ: {ProfileFieldName(field)}: {error}" }, partner, form),
                StatusCodes.Status400BadRequest);
        }
        await partners.SetProfileAsync(key, profile, context.RequestAborted);
        return Redirect(context, AdminPaths.Partners, "profile", id);
    }

    private static string ProfileFieldName(string? field) => field switch
    {
        "content" => "nội dung",
        "sections" => "chuyên mục",
        "attribution" => "dòng ghi nguồn",
        _ => "hồ sơ",
    };

    private static async Task<IResult> UsageAsync(HttpContext context, IAntiforgery antiforgery, PartnerStore partners, UsageRecorder usage, TimeProvider clock)
    {
        // Counted traffic is written every few seconds; write it now so the page is up to the request.
        await usage.FlushAsync(context.RequestAborted);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await partners.GetUsageAsync(today.AddDays(1 - UsageDays), context.RequestAborted);
        return HtmlPages.Page<Pages.UsagePage>(new UsageModel(Chrome(context, antiforgery, null), rows, UsageDays));
    }

    internal static AdminChrome Chrome(HttpContext context, IAntiforgery antiforgery, string? notice) =>
        new(context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null, antiforgery.GetAndStoreTokens(context), notice);

    /// <summary>After a change, back to a page that says what was done (post, redirect, get: a reload never repeats it).</summary>
    internal static IResult Redirect(HttpContext context, string path, string done, long? id = null) =>
        Results.Redirect(context.Request.PathBase + path + "?done=" + done + (id is { } value ? FormattableString.Invariant($"&id={value}") : ""));

    private static string? Notice(string? done, long? id) => done switch
    {
        "added" => "Đã thêm nguồn tin. Bấm “Lấy ngay” để lấy tin của nó ngay bây giờ.",
        "polled" => "Đã lấy tin của nguồn này.",
        "removed" => $"Đã gỡ nguồn tin số {id}; các bài đã lấy vẫn được giữ.",
        "revoked" => $"Đã thu hồi khóa của đối tác số {id}; khóa hết hiệu lực ngay.",
        "profile" => $"Đã lưu hồ sơ của đối tác số {id}; các kênh tin của khóa theo hồ sơ mới từ yêu cầu tới.",
        "logged-out" => "Đã đăng xuất.",
        _ => null,
    };

    /// <summary>A path of this site to go back to after signing in; anything else (another site, //host) is dropped.</summary>
    private static string? LocalPath(string? next) =>
        next is { Length: > 1 } path && path.StartsWith(AdminPaths.Home, StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal)
            && !path.Contains('\\', StringComparison.Ordinal)
            ? path
            : null;

    /// <summary>A form post whose anti-forgery token is missing or wrong is refused with a page that says why.</summary>
    private static async ValueTask<object?> RefuseWithoutToken(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return HtmlPages.Status(StatusCodes.Status400BadRequest, "Biểu mẫu không hợp lệ",
                "Biểu mẫu này thiếu mã chống giả mạo, hoặc mã đã hết hạn. Hãy mở lại trang quản trị rồi gửi lại.");
        }
        return await next(invocation);
    }

    /// <summary>Console pages show keys and the state of the service: never kept by a cache or the browser's history.</summary>
    private static async ValueTask<object?> NotStored(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        invocation.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(invocation);
    }
}
