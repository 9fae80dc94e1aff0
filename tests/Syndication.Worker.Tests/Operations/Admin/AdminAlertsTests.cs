using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Core.Alerts;
using Syndication.Storage.Alerts;
using Syndication.Worker.Alerts;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Operations.Admin;

/// <summary>
/// Alerts from the admin console, on the real service with the address guard on (as in production): webhooks added
/// with their secret shown once, refused with the field named, removed; deliveries listed with their outcome.
/// </summary>
public sealed class AdminAlertsTests : IAsyncLifetime
{
    /// <summary>A source on loopback: the guard refuses it, so its first poll fails (a source.failing event).</summary>
    private static readonly Uri RefusedSource = new("http://127.0.0.1:9/hong.rss");

    private readonly string _root = ServiceUnderTest.NewRoot();
    private ServiceUnderTest _service = null!;
    private string _key = null!;

    private AlertStore Alerts => _service.Services.GetRequiredService<AlertStore>();

    public async Task InitializeAsync()
    {
        var opml = Path.Combine(_root, "sources.opml");
        await File.WriteAllTextAsync(opml, NewsFeedFixture.Opml([RefusedSource]));
        _service = await ServiceUnderTest.StartAsync(_root,
            "--Syndication:Ingestion:SourcesOpml", opml, "--Syndication:Ingestion:Enabled", "false", "--Syndication:Alerts:Enabled", "false");
        _key = await _service.AddPartnerAsync("Biên tập viên", ["admin"]);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private async Task<AdminConsoleClient> SignedInAsync()
    {
        var console = new AdminConsoleClient(_service.Client.BaseAddress!);
        using var login = await console.LoginAsync(_key);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return console;
    }

    private static List<KeyValuePair<string, string>> Webhook(string url, string[] events, string words = "", string failures = "3") =>
        [new("url", url), .. events.Select(name => new KeyValuePair<string, string>("event", name)), new("words", words), new("failures", failures)];

    [Fact]
    public async Task A_webhook_is_added_with_its_secret_shown_once_listed_without_it_and_removed()
    {
        using var console = await SignedInAsync();
        using var added = await console.PostFieldsAsync("admin/alerts", "admin/alerts",
            Webhook("https://nhan.example/hook", [AlertEvents.StoryMatched, AlertEvents.SourceFailing], "cà phê", "2"));

        var page = await added.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var webhook = Assert.Single(await Alerts.ListWebhooksAsync(CancellationToken.None));
        Assert.Equal(("https://nhan.example/hook", "cà phê", 2), (webhook.Url.AbsoluteUri, webhook.Words, webhook.Failures));
        Assert.Equal([AlertEvents.StoryMatched, AlertEvents.SourceFailing], webhook.Events);
        Assert.Matches("^[0-9a-f]{64}$", webhook.Secret);
        Assert.Contains($"Khóa ký của webhook số {webhook.Id}", page);
        Assert.Contains($"value=\"{webhook.Secret}\"", page);

        var list = await console.Http.GetStringAsync("admin/alerts");
        Assert.DoesNotContain(webhook.Secret, list);
        Assert.Contains("<code>https://nhan.example/hook</code>", list);
        Assert.Contains("<li>tin mới khớp các từ “cà phê”</li>", list);
        Assert.Contains("<li>nguồn tin lỗi 2 lần liên tiếp</li>", list);
        Assert.Contains("chưa gửi lần nào", list);
        Assert.Contains("Chưa có lần gửi nào.", list);
        Assert.Contains(">Cảnh báo</a>", list);

        using var removed = await console.PostFormAsync("admin/alerts", $"admin/alerts/{webhook.Id}/remove", []);
        var after = await removed.Content.ReadAsStringAsync();
        Assert.Equal("/admin/alerts", removed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains($"Đã xóa webhook số {webhook.Id}", after);
        Assert.Contains("Chưa có webhook nào", after);
        Assert.Empty(await Alerts.ListWebhooksAsync(CancellationToken.None));

        using var again = await console.PostFormAsync("admin/alerts", $"admin/alerts/{webhook.Id}/remove", []);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook", "article.covered", "", "3", "Địa chỉ nhận: 127.0.0.1 là địa chỉ nội bộ của chính máy này (loopback); webhook chỉ gửi tới địa chỉ công khai.")]
    [InlineData("http://10.1.2.3/hook", "article.covered", "", "3", "Địa chỉ nhận: 10.1.2.3 là địa chỉ mạng riêng")]
    [InlineData("http://localhost:8080/hook", "article.covered", "", "3", "Địa chỉ nhận: localhost là địa chỉ nội bộ")]
    [InlineData("ftp://nhan.example/hook", "article.covered", "", "3", "Địa chỉ nhận: “ftp://nhan.example/hook” không phải một địa chỉ http(s) đầy đủ")]
    [InlineData("https://nhan.example/hook", "", "", "3", "Sự kiện: hãy chọn ít nhất một sự kiện.")]
    [InlineData("https://nhan.example/hook", "story.matched", "  ", "3", "Các từ: sự kiện “tin mới khớp các từ” cần các từ mà tin phải có.")]
    [InlineData("https://nhan.example/hook", "story.matched", "!!!", "3", "Các từ: “!!!” không có chữ nào để tìm.")]
    [InlineData("https://nhan.example/hook", "source.silent", "cà phê", "3", "Các từ: chỉ sự kiện “tin mới khớp các từ” dùng các từ")]
    [InlineData("https://nhan.example/hook", "source.failing", "", "0", "Số lần lỗi liên tiếp: phải là một số nguyên từ 1 đến 1000 (đã nhập “0”).")]
    public async Task A_webhook_that_does_not_validate_is_refused_naming_the_field_keeps_the_form_and_stores_nothing(
        string url, string events, string words, string failures, string message)
    {
        using var console = await SignedInAsync();
        using var answer = await console.PostFieldsAsync("admin/alerts", "admin/alerts",
            Webhook(url, events.Split(',', StringSplitOptions.RemoveEmptyEntries), words, failures));

        var page = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Chưa thêm được webhook. " + message, page);
        Assert.Contains($"name=\"url\" type=\"text\" inputmode=\"url\" spellcheck=\"false\" maxlength=\"{WebhookRegistry.MaxUrlLength}\" value=\"{url}\"", page);
        Assert.Contains($"name=\"failures\" type=\"number\" min=\"1\" max=\"1000\" value=\"{failures}\"", page);
        foreach (var name in events.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Contains($"value=\"{name}\" checked", page);
        }
        Assert.Empty(await Alerts.ListWebhooksAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Hostile_words_are_shown_escaped()
    {
        using var console = await SignedInAsync();
        using var added = await console.PostFieldsAsync("admin/alerts", "admin/alerts",
            Webhook("https://nhan.example/hook?a=<script>alert(1)</script>", [AlertEvents.StoryMatched], "<script>alert(1)</script> cà phê"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var list = await console.Http.GetStringAsync("admin/alerts");
        Assert.DoesNotContain("<script>alert", list);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; cà phê", list);

        // Refused input comes back in the form escaped too.
        using var refused = await console.PostFieldsAsync("admin/alerts", "admin/alerts", Webhook("\"><script>alert(2)</script>", [AlertEvents.ArticleCovered]));
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("<script>alert(2)", page);
        Assert.Contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;", page);
    }

    [Fact]
    public async Task A_delivery_is_listed_with_its_outcome_attempts_and_next_try()
    {
        // Stored as a webhook whose name resolves to loopback would be: registration refuses the address written out,
        // delivery refuses it at connection, which is the outcome shown.
        var webhook = await Alerts.AddWebhookAsync(
            new NewWebhook(new Uri("http://127.0.0.1:9/hook"), [AlertEvents.SourceFailing], null, 1, WebhookRegistry.NewSecret()), CancellationToken.None);
        await _service.PollAllSourcesAsync();
        await _service.Services.GetRequiredService<AlertDispatcher>().RunOnceAsync(CancellationToken.None);
        var delivery = Assert.Single(await Alerts.ListDeliveriesAsync(false, 10, CancellationToken.None));
        Assert.Equal((DeliveryStates.Pending, 1), (delivery.State, delivery.Attempts));

        using var console = await SignedInAsync();
        var page = await console.Http.GetStringAsync("admin/alerts");

        Assert.Contains($"#{delivery.Id} · <code>source.failing:", page);
        Assert.Matches($"<tr id=\"webhook-{webhook.Id}\">\\s*<td><code>http://127\\.0\\.0\\.1:9/hook</code>", page);
        Assert.Contains($"<td><a href=\"#webhook-{webhook.Id}\">#{webhook.Id}</a></td>", page);
        Assert.Contains("chờ gửi lại", page);
        Assert.Contains("Từ chối kết nối tới 127.0.0.1", page);
        Assert.Contains("<td class=\"num\">1</td>", page);
        Assert.DoesNotContain("Chưa có lần gửi nào.", page);
        // The next try is shown in the archive's zone (UTC+07:00); the webhook's row shows its newest delivery.
        var next = delivery.NextAttempt!.Value.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<time datetime=\"{next.Replace("+", "&#x2B;", StringComparison.Ordinal)}\">", page);
        Assert.DoesNotContain("chưa gửi lần nào", page);
    }
}
