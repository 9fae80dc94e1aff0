using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Ingestion;
using Syndication.Storage.WebSub;

namespace Syndication.Worker.Tests.Ingestion.WebSub;

/// <summary>
/// WebSub subscriptions end to end: the real service on loopback polling a loopback feed that names our own loopback
/// hub; the hub checks the service's intent and pushes signed content, which reaches the related feed without a poll.
/// </summary>
public sealed class PushSubscriptionTests : IAsyncLifetime
{
    private const string FeedPath = "/tin/rss";
    private LoopbackFeedServer _feeds = null!;
    private LoopbackHub _hub = null!;
    private readonly string _root = ServiceUnderTest.NewRoot();

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _hub = new LoopbackHub(_feeds);
        _feeds.ServeFeed(FeedPath, Feed(("mot", "Khánh thành cầu treo ở xã Ea Súp")), "application/rss+xml; charset=utf-8");
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Uri FeedUrl => _feeds.Url(FeedPath);

    // An RSS feed in the outlets' shape that names the hub and itself through atom:link.
    private string Feed(params (string Slug, string Title)[] items) => Feed(_hub.Url, FeedUrl, items);

    private static string Feed(Uri? hub, Uri self, params (string Slug, string Title)[] items) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
        <title>Báo Ea Súp</title>
        <link>https://easup.example.vn/</link>
        {(hub is null ? "" : $"<atom:link rel=\"hub\" href=\"{hub.AbsoluteUri}\"/>")}
        <atom:link rel="self" type="application/rss+xml" href="{self.AbsoluteUri}"/>
        <description>Tin Ea Súp</description>
        {string.Concat(items.Select(item => $"""
            <item><title>{item.Title}</title><link>https://easup.example.vn/{item.Slug}.html</link>
            <guid>https://easup.example.vn/{item.Slug}.html</guid><description>{item.Title}, tin của phóng viên.</description>
            <pubDate>Sat, 05 Dec 2026 08:00:00 +0700</pubDate></item>
            """))}
        </channel></rss>
        """;

    private Task<ServiceUnderTest> StartAsync() => ServiceUnderTest.StartWithSourcesAsync(_root, [FeedUrl],
        "--Syndication:Ingestion:WebSub:Enabled", "true",
        "--Syndication:Ingestion:WebSub:CheckSeconds", "1");

    // The CLI as an operator runs it beside the service, on the service's database.
    private static Task<CliProcess.Result> CliAsync(ServiceUnderTest service, params string[] args) =>
        CliProcess.RunAsync(service.Root, new Dictionary<string, string> { ["Syndication__Database"] = service.DatabasePath }, args);

    private static async Task<string> RelatedTitlesAsync(ServiceUnderTest service) =>
        string.Join("\n", XDocument.Parse(await service.Client.GetStringAsync("feeds/related/rss.xml")).Descendants("item").Select(item => (string?)item.Element("title")));

    [Fact]
    public async Task A_signed_push_from_the_hub_appears_in_the_related_feed_without_a_poll_and_a_bad_signature_is_not_stored()
    {
        await using var service = await StartAsync();
        var store = service.Services.GetRequiredService<PushSubscriptionStore>();

        // The first poll finds the hub; the subscriber asks it, for the feed's self URL, with a callback on the service.
        var request = await _hub.NextRequestAsync();
        Assert.Equal(("subscribe", FeedUrl.AbsoluteUri, "864000"), (request.Mode, request.Topic, request.LeaseSeconds));
        Assert.StartsWith(new Uri(service.Client.BaseAddress!, "websub/callback/").AbsoluteUri, request.Callback.AbsoluteUri, StringComparison.Ordinal);
        Assert.True(request.Secret.Length >= 32);
        // The poll notes the hub before it stores its entries, so the subscriber may ask the hub before they are stored.
        await Eventually.TrueAsync(async () => (await RelatedTitlesAsync(service)).Contains("Khánh thành cầu treo", StringComparison.Ordinal),
            "the first poll's entry in the related feed");

        // Only a check for the topic asked, on the callback given, is answered with the challenge.
        Assert.Equal(404, (await _hub.VerifyAsync(request.Callback, "https://khac.example.vn/rss", 3600)).Status);
        Assert.Equal(404, (await _hub.VerifyAsync(new Uri(request.Callback.AbsoluteUri + "x"), request.Topic, 3600)).Status);
        Assert.Equal(404, (await _hub.VerifyAsync(request.Callback, request.Topic, 3600, mode: "unsubscribe")).Status);
        var (status, body, challenge) = await _hub.VerifyAsync(request.Callback, request.Topic, 3600);
        Assert.Equal((200, challenge), (status, body));
        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        var active = (await store.GetAsync(source.Id, CancellationToken.None))!;
        Assert.Equal(PushStates.Active, active.State);
        Assert.InRange(active.LeaseExpires!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        var polls = _feeds.RequestCount(FeedPath);

        // A delivery signed with another secret, and one not signed at all: acknowledged, not stored.
        var forged = Feed(("gia-mao", "Tin giả mạo không được lưu"));
        Assert.Equal(202, await _hub.DeliverAsync(request.Callback, forged, "not-the-secret"));
        Assert.Equal(202, await _hub.DeliverAsync(request.Callback, forged, secret: null));
        // The genuine one, with a new entry: stored at once, as a poll's would be.
        Assert.Equal(202, await _hub.DeliverAsync(request.Callback, Feed(("hai", "Đường liên xã Ea Lê được nâng cấp")), request.Secret));

        var titles = await RelatedTitlesAsync(service);
        Assert.Contains("Đường liên xã Ea Lê được nâng cấp", titles, StringComparison.Ordinal);
        Assert.DoesNotContain("Tin giả mạo", titles, StringComparison.Ordinal);
        Assert.Equal(polls, _feeds.RequestCount(FeedPath));
        var counted = (await store.GetAsync(source.Id, CancellationToken.None))!;
        Assert.Equal((1L, 2L), (counted.Deliveries, counted.Refused));
        var history = await service.Services.GetRequiredService<EntryStore>().GetRecentPollsAsync(source.Id, CancellationToken.None);
        Assert.True(history[0].Pushed);
        Assert.Equal(1, history[0].NewEntries);
        // While the hub pushes, the next poll is a day away (the longest interval), not the usual half hour.
        var after = (await service.Services.GetRequiredService<SourceStore>().GetAsync(source.Id, CancellationToken.None))!;
        Assert.True(after.NextPoll > DateTimeOffset.UtcNow.AddHours(23), $"next poll {after.NextPoll:u}");

        // The source's console page says the entries come by push, until when the lease runs, and what was refused.
        using var console = new Operations.Admin.AdminConsoleClient(service.Client.BaseAddress!);
        using var login = await console.LoginAsync(await service.AddPartnerAsync("Quản trị viên", ["admin"]));
        var page = await console.Http.GetStringAsync($"admin/sources/{source.Id}");
        Assert.Contains("Cách nhận tin <strong>đẩy (WebSub)</strong>", page, StringComparison.Ordinal);
        Assert.Contains("đang nhận tin đẩy", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Hạn đăng ký</dt><dd><time", page, StringComparison.Ordinal);
        Assert.Contains("đã nhận 1, bỏ qua vì sai chữ ký 2", page, StringComparison.Ordinal);
        Assert.Contains("hub đẩy tới", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_that_lapses_without_renewal_hands_the_source_back_to_polling()
    {
        await using var service = await StartAsync();
        var request = await _hub.NextRequestAsync();
        // The hub grants a short lease, then refuses the renewal.
        _hub.Status = 500;
        Assert.Equal(200, (await _hub.VerifyAsync(request.Callback, request.Topic, leaseSeconds: 3)).Status);
        var polls = _feeds.RequestCount(FeedPath);

        var renewal = await _hub.NextRequestAsync();
        Assert.Equal((request.Callback, 500), (renewal.Callback, renewal.AnsweredStatus));
        await Eventually.TrueAsync(() => _feeds.RequestCount(FeedPath) > polls, "a poll after the lease lapsed");

        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        // The refused renewal is recorded by the subscription job after the hub answered: waited for, not assumed.
        var lapsed = await Eventually.ValueAsync(
            () => service.Services.GetRequiredService<PushSubscriptionStore>().GetAsync(source.Id, CancellationToken.None),
            current => current?.LastError?.Contains("HTTP 500", StringComparison.Ordinal) == true, "the refused renewal recorded");
        Assert.NotEqual(PushStates.Active, lapsed!.State);
        // Back to its own rhythm: the next poll is hours away at most, not the day a push allows.
        var polled = await Eventually.ValueAsync(
            () => service.Services.GetRequiredService<SourceStore>().GetAsync(source.Id, CancellationToken.None),
            current => current!.LastPoll is not null && current.NextPoll > current.LastPoll, "the poll after the lapse saved");
        Assert.True(polled!.NextPoll < DateTimeOffset.UtcNow.AddHours(12), $"next poll {polled.NextPoll:u}");

        using var console = new Operations.Admin.AdminConsoleClient(service.Client.BaseAddress!);
        using var login = await console.LoginAsync(await service.AddPartnerAsync("Quản trị viên", ["admin"]));
        var page = await console.Http.GetStringAsync($"admin/sources/{source.Id}");
        Assert.Contains("Cách nhận tin <strong>lấy định kỳ</strong>", page, StringComparison.Ordinal);
        Assert.Contains("subscribe: HTTP 500", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_named_only_in_the_Link_header_is_subscribed_with_the_headers_self_as_topic()
    {
        // The feed names no hub and calls itself by an old address; the HTTP Link header names the hub and the topic.
        var oldSelf = new Uri("https://easup.example.vn/rss-cu.xml");
        _feeds.ServeFeed(FeedPath, Feed(null, oldSelf, ("mot", "Khánh thành cầu treo ở xã Ea Súp")), "application/rss+xml; charset=utf-8",
            headers: [("Link", $"<{_hub.Url.AbsoluteUri}>;  rel=\"hub\" ,<{FeedUrl.AbsoluteUri}> ; rel=\"self\"")]);
        await using var service = await StartAsync();

        var request = await _hub.NextRequestAsync();
        Assert.Equal(("subscribe", FeedUrl.AbsoluteUri), (request.Mode, request.Topic));
        var (status, body, challenge) = await _hub.VerifyAsync(request.Callback, request.Topic, 3600);
        Assert.Equal((200, challenge), (status, body));
        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        var subscription = (await service.Services.GetRequiredService<PushSubscriptionStore>().GetAsync(source.Id, CancellationToken.None))!;
        Assert.Equal((PushStates.Active, _hub.Url.AbsoluteUri, FeedUrl.AbsoluteUri), (subscription.State, subscription.HubUrl, subscription.TopicUrl));
    }

    [Fact]
    public async Task Sources_list_shows_push_until_the_lease_and_removing_the_source_unsubscribes_at_the_hub()
    {
        await using var service = await StartAsync();
        var store = service.Services.GetRequiredService<PushSubscriptionStore>();
        var request = await _hub.NextRequestAsync();
        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        var before = await CliAsync(service, "sources", "list");
        Assert.Equal(200, (await _hub.VerifyAsync(request.Callback, request.Topic, 3600)).Status);
        var active = (await store.GetAsync(source.Id, CancellationToken.None))!;

        var pushing = await CliAsync(service, "sources", "list");
        var removed = await CliAsync(service, "sources", "remove", source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Before the hub verified, the source polls; then it is pushed until the lease's end.
        Assert.Equal(0, before.ExitCode);
        Assert.Matches(@"\bMODE\s+URL\b", before.Output);
        Assert.Matches($@"\spoll\s+{Regex.Escape(FeedUrl.AbsoluteUri)}", before.Output);
        Assert.Contains($"push until {active.LeaseExpires!.Value:yyyy-MM-dd HH:mm}Z  {FeedUrl.AbsoluteUri}", pushing.Output, StringComparison.Ordinal);
        // The removal is done at once; the service asks the hub to unsubscribe, on the same callback and topic.
        Assert.Equal((0, $"Source {source.Id} removed\n"), (removed.ExitCode, removed.Output));
        var unsubscribe = await _hub.NextRequestAsync();
        Assert.Equal(("unsubscribe", request.Callback, request.Topic, ""), (unsubscribe.Mode, unsubscribe.Callback, unsubscribe.Topic, unsubscribe.Secret));
        Assert.Equal(PushStates.Unsubscribing, (await store.GetAsync(source.Id, CancellationToken.None))!.State);

        // The hub checks our intent: only its own topic is answered, with the challenge; the row then goes.
        Assert.Equal(404, (await _hub.VerifyAsync(request.Callback, "https://khac.example.vn/rss", 0, mode: "unsubscribe")).Status);
        Assert.Equal(404, (await _hub.VerifyAsync(request.Callback, request.Topic, 3600)).Status);
        var (status, body, challenge) = await _hub.VerifyAsync(request.Callback, request.Topic, 0, mode: "unsubscribe");
        Assert.Equal((200, challenge), (status, body));
        Assert.Null(await store.GetAsync(source.Id, CancellationToken.None));
        // A late delivery is told the subscription is gone.
        Assert.Equal(410, await _hub.DeliverAsync(request.Callback, Feed(("muon", "Tin đến muộn")), request.Secret));
        var all = await CliAsync(service, "sources", "list", "--all");
        Assert.Matches($@"\bremoved\b.*\s-\s+{Regex.Escape(FeedUrl.AbsoluteUri)}", all.Output);
    }

    [Fact]
    public async Task A_source_removed_from_the_console_whose_hub_refuses_to_unsubscribe_is_still_removed_and_its_subscription_dropped()
    {
        await using var service = await StartAsync();
        var store = service.Services.GetRequiredService<PushSubscriptionStore>();
        var request = await _hub.NextRequestAsync();
        Assert.Equal(200, (await _hub.VerifyAsync(request.Callback, request.Topic, 3600)).Status);
        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        _hub.Status = 500;

        using var console = new Operations.Admin.AdminConsoleClient(service.Client.BaseAddress!);
        using var login = await console.LoginAsync(await service.AddPartnerAsync("Quản trị viên", ["admin"]));
        using var removal = await console.PostFormAsync($"admin/sources/{source.Id}", $"admin/sources/{source.Id}/remove", []);

        Assert.Contains($"Đã gỡ nguồn tin số {source.Id}", await removal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull((await service.Services.GetRequiredService<SourceStore>().GetAsync(source.Id, CancellationToken.None))!.Removed);
        var unsubscribe = await _hub.NextRequestAsync();
        Assert.Equal(("unsubscribe", 500), (unsubscribe.Mode, unsubscribe.AnsweredStatus));
        await Eventually.TrueAsync(async () => await store.GetAsync(source.Id, CancellationToken.None) is null, "the subscription dropped");
        Assert.Equal(404, (await _hub.VerifyAsync(request.Callback, request.Topic, 0, mode: "unsubscribe")).Status);
    }

    [Fact]
    public async Task An_unsubscribe_request_to_an_internal_address_is_refused_by_the_guard_and_the_subscription_dropped()
    {
        // Private networks not allowed: the hub on loopback is an internal address the fetcher's guard refuses.
        await using var service = await ServiceUnderTest.StartAsync(_root,
            "--Syndication:Ingestion:WebSub:Enabled", "true", "--Syndication:Ingestion:WebSub:CheckSeconds", "1");
        var sources = service.Services.GetRequiredService<SourceStore>();
        var store = service.Services.GetRequiredService<PushSubscriptionStore>();
        var source = await sources.AddAsync(new Core.Ingestion.Opml.OpmlOutline("https://easup.example.vn/rss", null, null, null),
            Core.Ingestion.Sources.SourceOrigins.Cli, CancellationToken.None);
        await store.RecordHubAsync(source.Id, _hub.Url.AbsoluteUri, "https://easup.example.vn/rss", "token-guard", "secret-guard", CancellationToken.None);
        await store.MarkRequestedAsync(source.Id, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        Assert.NotNull(await store.VerifyAsync("token-guard", "https://easup.example.vn/rss", 3600, now.AddHours(1), now, CancellationToken.None));

        Assert.True(await sources.RemoveAsync(source.Id, CancellationToken.None));

        await Eventually.TrueAsync(async () => await store.GetAsync(source.Id, CancellationToken.None) is null, "the subscription dropped");
        Assert.Equal(0, _feeds.RequestCount("/hub"));
    }
}
