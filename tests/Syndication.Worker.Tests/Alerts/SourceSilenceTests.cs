using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Syndication.Storage.Alerts;
using Syndication.Worker.Alerts;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Alerts;

/// <summary>
/// <c>source.silent</c> end to end on the real service, whose clock the test moves: a loopback source that brings
/// something new every hour, then nothing, polled for real; the alert loop is off and turned by hand after each poll.
/// </summary>
public sealed class SourceSilenceTests : IAsyncLifetime
{
    private const string Secret = "bi-mat-canh-bao-nguon-im-lang-0123";
    private const string FeedPath = "/nhip-deu.rss";
    private readonly string _root = ServiceUnderTest.NewRoot();
    // Whole seconds, so the times in the body and the signature are exactly the clock's.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private LoopbackFeedServer _feeds = null!;
    private WebhookReceiver _receiver = null!;
    private ServiceUnderTest _service = null!;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _service = await ServiceUnderTest.StartWithSourcesAsync(_root, [_feeds.Url(FeedPath)],
            builder => builder.Services.AddSingleton<TimeProvider>(_clock),
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:Alerts:Enabled", "false",
            "--Syndication:Search:RelateIntervalSeconds", "3600");
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _receiver.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    /// <summary>Polls the source at the clock's time, then turns the alert loop once (deciding and sending).</summary>
    private async Task PollAndAlertAsync()
    {
        await _service.PollAllSourcesAsync();
        await _service.Services.GetRequiredService<AlertDispatcher>().RunOnceAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_source_silent_for_more_than_three_times_its_hourly_rhythm_is_sent_once_signed_not_once_per_check()
    {
        var (webhook, error) = await _service.Services.GetRequiredService<WebhookRegistry>().AddAsync(
            _receiver.Url, ["source.silent"], null, WebhookRegistry.DefaultFailures, Secret, CancellationToken.None);
        Assert.Null(error);

        // Something new every hour: five arrivals, four hourly intervals, and no alert while the rhythm holds.
        var start = _clock.GetUtcNow();
        for (var hour = 0; hour < 5; hour++)
        {
            if (hour > 0)
            {
                _clock.Advance(TimeSpan.FromHours(1));
            }
            _feeds.ServeFeed(FeedPath, NewsFeedFixture.Rss(1, hour + 1), "application/rss+xml");
            await PollAndAlertAsync();
        }
        var lastNew = start.AddHours(4);
        Assert.Empty(_receiver.Received);

        // The feed stays as it was. Exactly three hours later it is not yet silent ("more than 3×")…
        _clock.Advance(TimeSpan.FromHours(3));
        await PollAndAlertAsync();
        Assert.Empty(_receiver.Received);

        // …a minute later it is, and one delivery goes out; the next checks of the same silence send nothing more.
        _clock.Advance(TimeSpan.FromMinutes(1));
        var silentAt = _clock.GetUtcNow();
        await PollAndAlertAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        await PollAndAlertAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        await PollAndAlertAsync();

        var request = Assert.Single(_receiver.Received);
        Assert.Equal(204, request.Status);
        Assert.Equal("source.silent", request.Event);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(silentAt, request.SignedAt(Secret));
        using var json = JsonDocument.Parse(request.Body);
        var body = json.RootElement;
        Assert.Equal("source.silent", body.GetProperty("event").GetString());
        Assert.Equal(webhook!.Id, body.GetProperty("webhook").GetInt64());
        Assert.Equal(Utc(silentAt), body.GetProperty("occurred").GetString());
        var source = body.GetProperty("source");
        Assert.Equal(_feeds.Url(FeedPath).AbsoluteUri, source.GetProperty("url").GetString());
        // The title the operator gave it (the OPML outline), not the feed's own.
        Assert.Equal("Nguồn 0", source.GetProperty("title").GetString());
        Assert.Equal(Utc(lastNew), source.GetProperty("lastNewEntry").GetString());
        Assert.Equal(60, source.GetProperty("usualIntervalMinutes").GetDouble());
        Assert.Equal($"source.silent:{source.GetProperty("id").GetInt64()}:{Utc(lastNew)}", body.GetProperty("key").GetString());

        var delivery = Assert.Single(await _service.Services.GetRequiredService<AlertStore>().ListDeliveriesAsync(false, 100, CancellationToken.None));
        Assert.Equal(request.DeliveryId, delivery.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(DeliveryStates.Delivered, delivery.State);
        Assert.Equal(1, delivery.Attempts);
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
