using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Alerts;
using Syndication.Worker.Alerts;
using Syndication.Worker.Search;
using Syndication.Worker.Tests.Ingestion;

namespace Syndication.Worker.Tests.Alerts;

/// <summary>
/// Alerts end to end: the real service on loopback over a real SQLite file, another outlet's feed and a failing feed
/// served on loopback, and a webhook receiver on loopback that answers its first request with a 500.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "bi-mat-cua-toa-soan-0123456789";
    private LoopbackFeedServer _feeds = null!;
    private WebhookReceiver _receiver = null!;
    private readonly string _root = ServiceUnderTest.NewRoot();

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    [Fact]
    public async Task A_receiver_gets_exactly_one_signed_delivery_per_event_and_the_retry_after_a_500()
    {
        _feeds.ServeFeed("/tay-nguyen-moi.rss",
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "coverage", "tay-nguyen-moi.rss")), "application/rss+xml");
        _feeds.Map("/hong.rss", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        _receiver.FailFirst = 1;
        await using var service = await ServiceUnderTest.StartWithSourcesAsync(_root, [_feeds.Url("/tay-nguyen-moi.rss"), _feeds.Url("/hong.rss")],
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:Search:RelateIntervalSeconds", "3600",
            "--Syndication:Alerts:CheckSeconds", "1", "--Syndication:Alerts:RetryBaseSeconds", "1");
        var (webhook, error) = await service.Services.GetRequiredService<WebhookRegistry>().AddAsync(
            _receiver.Url, ["story.matched", "article.covered", "source.failing"], "cà phê", 1, Secret, CancellationToken.None);
        Assert.Null(error);

        await service.PollAllSourcesAsync();
        await service.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(CancellationToken.None);
        var store = service.Services.GetRequiredService<AlertStore>();
        var deliveries = await Eventually.ValueAsync(
            () => store.ListDeliveriesAsync(false, 100, CancellationToken.None),
            list => list.Any(delivery => delivery.Event == "article.covered") && list.All(delivery => delivery.State == DeliveryStates.Delivered),
            "every delivery delivered");

        // A second poll and relating (the failing source fails again, nothing new) and a turn of the loop send nothing more.
        var before = _receiver.Received.Count;
        await service.PollAllSourcesAsync();
        await service.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(CancellationToken.None);
        await service.Services.GetRequiredService<AlertDispatcher>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(before, _receiver.Received.Count);
        Assert.Equal(deliveries.Count, (await store.ListDeliveriesAsync(false, 100, CancellationToken.None)).Count);

        var received = _receiver.Received;
        // Every request is signed with the secret over its own time and body, and says which event and delivery it is.
        Assert.All(received, request =>
        {
            Assert.Equal("application/json; charset=utf-8", request.ContentType);
            Assert.InRange(DateTimeOffset.UtcNow - request.SignedAt(Secret), TimeSpan.FromSeconds(-5), TimeSpan.FromMinutes(5));
            using var json = JsonDocument.Parse(request.Body);
            Assert.Equal(request.Event, json.RootElement.GetProperty("event").GetString());
        });
        // Exactly one delivery answered 2xx per stored delivery (event), and only the first request got the 500 and its retry.
        var accepted = received.Where(request => request.Status == 204).ToList();
        Assert.Equal(deliveries.Select(delivery => delivery.Id.ToString(CultureInfo.InvariantCulture)).Order(), accepted.Select(request => request.DeliveryId).Order());
        var keys = accepted.Select(request => JsonDocument.Parse(request.Body).RootElement.GetProperty("key").GetString()).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var failed = Assert.Single(received, request => request.Status == 500);
        Assert.Equal(received[0], failed);
        Assert.Equal(2, received.Count(request => request.DeliveryId == failed.DeliveryId));
        Assert.Equal(failed.Body, received.Last(request => request.DeliveryId == failed.DeliveryId).Body);
        var retried = deliveries.Single(delivery => delivery.Id.ToString(CultureInfo.InvariantCulture) == failed.DeliveryId);
        Assert.Equal(2, retried.Attempts);
        Assert.Equal([(int?)500, 204], (await store.ListAttemptsAsync(retried.Id, CancellationToken.None)).Select(attempt => attempt.HttpStatus));
        Assert.All(deliveries.Where(delivery => delivery.Id != retried.Id), delivery => Assert.Equal(1, delivery.Attempts));

        // The events themselves: the new story with the words, the coverage of our articles, the failing source once.
        var bodies = accepted.Select(request => JsonDocument.Parse(request.Body).RootElement).ToList();
        var stories = bodies.Where(body => body.GetProperty("event").GetString() == "story.matched").ToList();
        Assert.Contains(stories, body => body.GetProperty("entry").GetProperty("title").GetString() == "Giá cà phê nhân xô ở Đắk Lắk tăng mạnh ngay đầu vụ");
        Assert.DoesNotContain(stories, body => body.GetProperty("entry").GetProperty("title").GetString() == "Đội bóng U19 giành chiến thắng ở vòng loại");
        var covered = bodies.Where(body => body.GetProperty("event").GetString() == "article.covered")
            .Select(body => body.GetProperty("article").GetProperty("url").GetString()!).ToList();
        Assert.Contains(covered, url => url.EndsWith("/articles/gia-ca-phe-tang-manh-dau-vu", StringComparison.Ordinal));
        Assert.Contains(covered, url => url.EndsWith("/articles/khai-mac-le-hoi-cong-chieng", StringComparison.Ordinal));
        var failing = Assert.Single(bodies, body => body.GetProperty("event").GetString() == "source.failing");
        Assert.Equal(_feeds.Url("/hong.rss").AbsoluteUri, failing.GetProperty("source").GetProperty("url").GetString());
    }
}
