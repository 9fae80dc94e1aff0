using Microsoft.AspNetCore.Antiforgery;
using Syndication.Storage.Alerts;
using Syndication.Worker.Alerts;
using Syndication.Worker.Web;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The console's alerts (<c>/admin/alerts</c>): webhooks listed, registered and removed, and the newest
/// deliveries — what <c>syndication alerts</c> does from the command line.</summary>
internal static class AdminAlertEndpoints
{
    public static RouteGroupBuilder MapAlerts(this RouteGroupBuilder console)
    {
        console.MapGet("/alerts", AlertsAsync);
        console.MapPost("/alerts", AddAsync);
        console.MapPost("/alerts/{id:long}/remove", RemoveAsync);
        return console;
    }

    private static async Task<IResult> AlertsAsync(HttpContext context, IAntiforgery antiforgery, AlertStore alerts, string? done, long? id) =>
        HtmlPages.Page<Pages.AlertsPage>(await ModelAsync(context, AdminEndpoints.Chrome(context, antiforgery, Notice(done, id)), alerts, AlertForm.Empty));

    private static async Task<IResult> AddAsync(HttpContext context, IAntiforgery antiforgery, AlertStore alerts, WebhookRegistry registry)
    {
        var form = AlertForm.Read(await context.Request.ReadFormAsync(context.RequestAborted));
        var (failures, error) = form.FailureCount();
        if (error is null)
        {
            var (webhook, refusal) = await registry.AddAsync(
                form.Url, form.Events, form.Words.Length == 0 ? null : form.Words, failures, secret: null, context.RequestAborted);
            if (webhook is not null)
            {
                // Answered here rather than redirected: the secret must not travel in a URL, and is shown this once.
                var chrome = AdminEndpoints.Chrome(context, antiforgery, $"Đã thêm webhook số {webhook.Id}.");
                return HtmlPages.Page<Pages.AlertsPage>(await ModelAsync(context, chrome, alerts, AlertForm.Empty) with { Created = new CreatedWebhook(webhook) });
            }
            error = form.Vietnamese(refusal!);
        }
        var refused = AdminEndpoints.Chrome(context, antiforgery, null) with { Error = "Chưa thêm được webhook. " + error };
        return HtmlPages.Page<Pages.AlertsPage>(await ModelAsync(context, refused, alerts, form), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, AlertStore alerts, long id) =>
        await alerts.RemoveWebhookAsync(id, context.RequestAborted)
            ? AdminEndpoints.Redirect(context, AdminPaths.Alerts, "webhook-removed", id)
            : HtmlPages.NotFound($"Không có webhook số {id}.", "Không có webhook này");

    private static async Task<AlertsModel> ModelAsync(HttpContext context, AdminChrome chrome, AlertStore alerts, AlertForm form) => new(
        chrome,
        await alerts.ListWebhooksAsync(context.RequestAborted),
        await alerts.LastDeliveriesAsync(context.RequestAborted),
        await alerts.ListDeliveriesAsync(failedOnly: false, AlertsModel.DeliveriesShown, context.RequestAborted),
        form);

    private static string? Notice(string? done, long? id) => done switch
    {
        "webhook-removed" => $"Đã xóa webhook số {id} cùng các lần gửi của nó.",
        _ => null,
    };
}
