using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Operations.Admin;

/// <summary>Editorial rules from the admin console: previewed on stored entries, saved, applied, removed.</summary>
public sealed class AdminRulesTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();
    private LoopbackFeedServer _feeds = null!;
    private ServiceUnderTest _service = null!;
    private string _key = null!;
    private long _sourceId;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _feeds.ServeFeed("/good.rss", NewsFeedFixture.Rss(1, 4), "application/rss+xml");
        _service = await ServiceUnderTest.StartWithSourcesAsync(_root, [_feeds.Url("/good.rss")], "--Syndication:Ingestion:Enabled", "false");
        _key = await _service.AddPartnerAsync("Biên tập viên", ["admin"]);
        await _service.PollAllSourcesAsync();
        _sourceId = (await _service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None)).Single().Id;
    }

    private async Task<AdminConsoleClient> SignedInAsync()
    {
        var console = new AdminConsoleClient(_service.Client.BaseAddress!);
        using var login = await console.LoginAsync(_key);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return console;
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Dictionary<string, string> Rule(string intent, string kind, string pattern, string action = "drop", string label = "") => new()
    {
        ["intent"] = intent, ["action"] = action, ["label"] = label, ["kind"] = kind, ["pattern"] = pattern,
        ["source"] = _sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["last"] = "500",
    };

    private async Task<int> StoredEntriesAsync() =>
        (await _service.Services.GetRequiredService<EntryStore>().GetLatestOfSourceAsync(_sourceId, 100, CancellationToken.None)).Count;

    [Fact]
    public async Task A_rule_is_previewed_without_saving_then_saved_applied_to_stored_entries_and_removed()
    {
        using var console = await SignedInAsync();
        using var preview = await console.PostFormAsync("admin/rules", "admin/rules", Rule("preview", "regex", "^Tin [01] "));
        var page = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("bỏ 2 trong 4</strong>", page);
        Assert.Contains("Tin 0 của nguồn 1", page);
        Assert.Contains("Chưa có quy tắc nào", page);
        Assert.Empty(await _service.Services.GetRequiredService<RuleStore>().ListAsync(CancellationToken.None));
        Assert.Equal(4, await StoredEntriesAsync());

        using var saved = await console.PostFormAsync("admin/rules", "admin/rules", Rule("save", "regex", "^Tin [01] "));
        Assert.Equal("/admin/rules", saved.RequestMessage!.RequestUri!.AbsolutePath);
        var id = Assert.Single(await _service.Services.GetRequiredService<RuleStore>().ListAsync(CancellationToken.None)).Rule.Id;
        Assert.Contains($"Đã lưu quy tắc số {id}", await saved.Content.ReadAsStringAsync());

        using var applied = await console.PostFormAsync("admin/rules", $"admin/rules/{id}/apply", []);
        var after = await applied.Content.ReadAsStringAsync();
        Assert.Contains($"Quy tắc số {id} đã xóa 2 tin đã lưu.", after);
        Assert.Equal(2, await StoredEntriesAsync());
        Assert.Equal(2, Assert.Single(await _service.Services.GetRequiredService<RuleStore>().ListAsync(CancellationToken.None)).MatchedCount);

        using var removed = await console.PostFormAsync("admin/rules", $"admin/rules/{id}/remove", []);
        Assert.Contains($"Đã xóa quy tắc số {id}", await removed.Content.ReadAsStringAsync());
        Assert.Empty(await _service.Services.GetRequiredService<RuleStore>().ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("regex", "Tin (", "drop", "", "Mẫu: biểu thức chính quy không hợp lệ ở vị trí 5")]
    [InlineData("words", "  ", "drop", "", "Mẫu: đang trống")]
    [InlineData("words", "!!!", "drop", "", "Mẫu: “!!!” không có chữ nào để tìm.")]
    [InlineData("words", "tín dụng", "tag", "", "Nhãn: cần một nhãn để gắn")]
    public async Task A_rule_that_does_not_validate_is_refused_naming_the_field_and_keeps_the_form(
        string kind, string pattern, string action, string label, string message)
    {
        using var console = await SignedInAsync();
        using var answer = await console.PostFormAsync("admin/rules", "admin/rules", Rule("save", kind, pattern, action, label));

        var page = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(message, page);
        Assert.Empty(await _service.Services.GetRequiredService<RuleStore>().ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_tag_rule_shows_its_label_and_pattern_escaped_and_only_drop_rules_apply_to_stored_entries()
    {
        using var console = await SignedInAsync();
        using var saved = await console.PostFormAsync("admin/rules", "admin/rules",
            Rule("save", "phrase", "<b>tín dụng</b>", "tag", "<script>x</script>"));
        var page = await saved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.DoesNotContain("<script>x</script>", page);
        Assert.DoesNotContain("<b>tín dụng</b>", page);
        Assert.Contains("&lt;b&gt;tín dụng&lt;/b&gt;", page);
        var id = Assert.Single(await _service.Services.GetRequiredService<RuleStore>().ListAsync(CancellationToken.None)).Rule.Id;
        Assert.DoesNotContain($"admin/rules/{id}/apply", page);

        using var refused = await console.PostFormAsync("admin/rules", $"admin/rules/{id}/apply", []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(4, await StoredEntriesAsync());
    }
}
