using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Syndication.Storage;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Operations.Maintenance;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Operations.Maintenance;

/// <summary>Stopping the real service: polls in flight end within the bound, nothing is half written, the WAL is folded in.</summary>
public sealed class ShutdownTests : IAsyncLifetime
{
    private const int ItemsPerFeed = 10;
    private LoopbackFeedServer _feeds = null!;
    private readonly string _root = ServiceUnderTest.NewRoot();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync() => _feeds = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Task<ServiceUnderTest> StartServiceAsync(IReadOnlyList<Uri> sources, params string[] extra) =>
        ServiceUnderTest.StartWithSourcesAsync(_root, sources, ["--Syndication:Ingestion:RequestTimeoutSeconds", "120", .. extra]);

    /// <summary>Sends most of a feed — whole items included — then stalls until the client goes away.</summary>
    private void ServeStallingFeed(string path)
    {
        var full = NewsFeedFixture.Rss(7, ItemsPerFeed);
        var cut = full.LastIndexOf("<item>", StringComparison.Ordinal);
        _feeds.Map(path, async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(full[..cut], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
    }

    [Fact]
    public async Task Stop_during_a_poll_leaves_no_half_written_entries_and_an_empty_wal()
    {
        _feeds.ServeFeed("/whole/rss", NewsFeedFixture.Rss(1, ItemsPerFeed), "application/rss+xml; charset=utf-8");
        ServeStallingFeed("/stall/rss");
        // An outside connection stays open from before the service starts, so SQLite cannot simply delete the WAL when
        // the service's pooled connections close (other tests clear the process-wide pools): only the checkpoint at stop
        // empties it. Opened once the service was up, it came too late in a loaded run: the whole feed was stored, the
        // pools were cleared (the WAL folded in and deleted) and it found an empty WAL.
        var path = Path.Combine(_root, "data", "syndication.db");
        await new Storage.Schema.Migrator(new SqliteDatabase(path, TimeSpan.FromSeconds(5)), TimeProvider.System).MigrateAsync(CancellationToken.None);
        await using var outside = new SqliteConnection($"Data Source={path};Pooling=False");
        await outside.OpenAsync();
        using (var touch = outside.CreateCommand())
        {
            // SQLite opens the file lazily; a first statement makes this connection really hold it.
            touch.CommandText = "SELECT count(*) FROM sources";
            await touch.ExecuteScalarAsync();
        }
        var service = await StartServiceAsync([_feeds.Url("/whole/rss"), _feeds.Url("/stall/rss")],
            "--Syndication:ShutdownTimeoutSeconds", "5");
        Assert.Equal(path, service.DatabasePath);
        var entries = service.Services.GetRequiredService<EntryStore>();
        var wholeId = (await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None))
            .Single(source => source.Url.EndsWith("/whole/rss", StringComparison.Ordinal)).Id;

        // The scheduler polls both new sources at once: wait until one is stored and the other is mid-body.
        await _stalled.Task.WaitAsync(Eventually.Limit);
        await Eventually.TrueAsync(async () => await entries.CountAsync(wholeId, CancellationToken.None) >= ItemsPerFeed, "the whole feed stored");
        var walBefore = new FileInfo(service.DatabasePath + "-wal").Length;
        var stopping = Stopwatch.StartNew();
        await service.StopAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stop took {stopping.Elapsed}");
        var wal = new FileInfo(service.DatabasePath + "-wal");
        Assert.True(walBefore > 0, "the polls should have written to the WAL");
        Assert.True(!wal.Exists || wal.Length == 0, $"the WAL holds {(wal.Exists ? wal.Length : 0)} bytes after stop");
        var database = new SqliteDatabase(service.DatabasePath, TimeSpan.FromSeconds(5));
        var sources = await new SourceStore(database, TimeProvider.System).ListAsync(false, CancellationToken.None);
        var stored = new EntryStore(database);
        Assert.Equal(ItemsPerFeed, await stored.CountAsync(wholeId, CancellationToken.None));
        var stalled = sources.Single(source => source.Url.EndsWith("/stall/rss", StringComparison.Ordinal));
        var stalledEntries = await stored.CountAsync(stalled.Id, CancellationToken.None);
        // All of the feed or none of it, and the source's own record agrees with what is stored.
        Assert.Contains(stalledEntries, new[] { 0, ItemsPerFeed });
        Assert.Equal(stalledEntries, stalled.EntryCount);
        Assert.Equal(stalledEntries > 0, stalled.LastSuccess is not null);
        await service.DisposeAsync();
    }

    [Fact]
    public async Task Shutdown_timeout_is_applied_and_the_maintenance_job_is_scheduled()
    {
        await using var service = await StartServiceAsync([], "--Syndication:ShutdownTimeoutSeconds", "7",
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:Maintenance:IntervalHours", "6");

        var scheduler = await service.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(MaintenanceJob.Key)));

        Assert.Equal(TimeSpan.FromSeconds(7), service.Services.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromHours(6), trigger.RepeatInterval);
    }

    [Theory]
    [InlineData("--Syndication:ShutdownTimeoutSeconds", "0", "Syndication:ShutdownTimeoutSeconds")]
    [InlineData("--Syndication:ShutdownTimeoutSeconds", "601", "Syndication:ShutdownTimeoutSeconds")]
    [InlineData("--Syndication:Maintenance:IntervalHours", "-1", "Syndication:Maintenance:IntervalHours")]
    public async Task Invalid_service_life_settings_stop_the_start_naming_the_key(string option, string value, string key)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartServiceAsync([], option, value,
            "--Syndication:Ingestion:Enabled", "false"));

        // Either the settings check or the host's own shutdown option reads it first; the command line prints both as one line, exit 3.
        Assert.True(error is Configuration.InvalidConfigurationException or OptionsValidationException, error.GetType().Name);
        Assert.Contains(key, error.Message);
    }
}
