using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Worker.Ingestion.Rules;
using Syndication.Worker.Web;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The console's editorial rules (<c>/admin/rules</c>): list, preview, save, remove, apply — what
/// <c>syndication rules</c> does from the command line.</summary>
internal static class AdminRuleEndpoints
{
    public static RouteGroupBuilder MapRules(this RouteGroupBuilder console)
    {
        console.MapGet("/rules", RulesAsync);
        console.MapPost("/rules", PreviewOrSaveAsync);
        console.MapPost("/rules/{id:long}/remove", RemoveAsync);
        console.MapPost("/rules/{id:long}/apply", ApplyAsync);
        return console;
    }

    private static async Task<IResult> RulesAsync(
        HttpContext context, IAntiforgery antiforgery, RuleStore rules, SourceStore sources, string? done, long? id, int? count) =>
        HtmlPages.Page<Pages.RulesPage>(await ModelAsync(context, AdminEndpoints.Chrome(context, antiforgery, Notice(done, id, count)), rules, sources, RuleForm.Empty));

    private static async Task<IResult> PreviewOrSaveAsync(
        HttpContext context, IAntiforgery antiforgery, RuleStore rules, SourceStore sources, StoredEntryRules stored)
    {
        var form = RuleForm.Read(await context.Request.ReadFormAsync(context.RequestAborted));
        var (rule, error) = form.ToRule();
        if (rule?.SourceId is { } sourceId && await sources.GetAsync(sourceId, context.RequestAborted) is null)
        {
            (rule, error) = (null, $"Nguồn: không có nguồn tin số {sourceId}.");
        }
        var preview = context.Request.Form["intent"] == "preview";
        var (last, countError) = form.PreviewCount();
        if (rule is not null && preview && countError is not null)
        {
            (rule, error) = (null, countError);
        }
        if (rule is null)
        {
            var chrome = AdminEndpoints.Chrome(context, antiforgery, null) with { Error = "Quy tắc chưa dùng được. " + error };
            return HtmlPages.Page<Pages.RulesPage>(await ModelAsync(context, chrome, rules, sources, form), StatusCodes.Status400BadRequest);
        }
        if (preview)
        {
            var result = await stored.PreviewAsync(rule, last, context.RequestAborted);
            return HtmlPages.Page<Pages.RulesPage>(
                await ModelAsync(context, AdminEndpoints.Chrome(context, antiforgery, null), rules, sources, form) with { Preview = result });
        }
        var saved = await rules.AddAsync(rule, context.RequestAborted);
        return AdminEndpoints.Redirect(context, AdminPaths.Rules, "rule-added", saved.Rule.Id);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, RuleStore rules, long id) =>
        await rules.RemoveAsync(id, context.RequestAborted)
            ? AdminEndpoints.Redirect(context, AdminPaths.Rules, "rule-removed", id)
            : HtmlPages.NotFound($"Không có quy tắc số {id}.", "Không có quy tắc này");

    private static async Task<IResult> ApplyAsync(HttpContext context, RuleStore rules, StoredEntryRules stored, long id)
    {
        if (await rules.GetAsync(id, context.RequestAborted) is not { } rule)
        {
            return HtmlPages.NotFound($"Không có quy tắc số {id}.", "Không có quy tắc này");
        }
        if (rule.Rule.Action != Core.Ingestion.Rules.RuleAction.Drop)
        {
            return HtmlPages.Status(StatusCodes.Status400BadRequest, "Không áp dụng được",
                $"Quy tắc số {id} không phải quy tắc bỏ tin; chỉ quy tắc bỏ tin mới áp dụng được cho tin đã lưu.");
        }
        var deleted = await stored.ApplyAsync(rule, context.RequestAborted);
        return Results.Redirect(context.Request.PathBase + AdminPaths.Rules
            + string.Create(CultureInfo.InvariantCulture, $"?done=rule-applied&id={id}&count={deleted}"));
    }

    private static async Task<RulesModel> ModelAsync(HttpContext context, AdminChrome chrome, RuleStore rules, SourceStore sources, RuleForm form) =>
        new(chrome, await rules.ListAsync(context.RequestAborted), await sources.ListAsync(includeRemoved: false, context.RequestAborted), form);

    private static string? Notice(string? done, long? id, int? count) => done switch
    {
        "rule-added" => $"Đã lưu quy tắc số {id}; từ lần lấy tin tới, mọi tin đều qua quy tắc này.",
        "rule-removed" => $"Đã xóa quy tắc số {id}; các tin nó đã bỏ vẫn không được lưu lại.",
        "rule-applied" => $"Quy tắc số {id} đã xóa {count ?? 0} tin đã lưu.",
        _ => null,
    };
}
