using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>The feed cache over the real service's store revisions: one render per change, however many readers ask at once.</summary>
public sealed class FeedCacheTests : IAsyncLifetime
{
    private ServiceUnderTest _service = null!;
    private FeedCache _cache = null!;
    private ArchiveRevision _revision = null!;
    private long _version = 1;
    private int _renders;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest.StartAsync();
        // A revision known for the whole test: a reader then joins a render without awaiting the database first, so
        // readers started one after another are all waiting before the render is let go — no sleep to give them time.
        var revision = _revision = new ArchiveRevision(_service.Services.GetRequiredService<Storage.Articles.ArticleStore>(), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new Configuration.SyndicationOptions { RevisionCheckIntervalMs = 600_000 }),
            _service.Services.GetRequiredService<global::Syndication.Worker.Operations.Health.StorageHealth>());
        await revision.CurrentAsync(CancellationToken.None);
        _cache = new FeedCache(revision);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private Task<RenderedFeed?> Get(Func<CancellationToken, Task<RenderedFeed?>> render, CancellationToken cancellationToken = default) =>
        _cache.GetAsync("feeds/archive/2022-05.atom", _ => Interlocked.Read(ref _version), render, cancellationToken);

    private Func<CancellationToken, Task<RenderedFeed?>> RenderAfter(Task gate, string text = "<feed/>") => async _ =>
    {
        Interlocked.Increment(ref _renders);
        await gate;
        return new RenderedFeed(Encoding.UTF8.GetBytes(text), "application/atom+xml; charset=utf-8", DateTimeOffset.UnixEpoch);
    };

    [Fact]
    public async Task Readers_that_miss_together_share_one_render()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Enumerable.Range(0, 16).Select(_ => Get(RenderAfter(gate.Task))).ToArray();
        Assert.All(readers, reader => Assert.False(reader.IsCompleted));

        gate.SetResult();
        var feeds = await Task.WhenAll(readers);

        Assert.Equal(1, _renders);
        Assert.All(feeds, feed => Assert.Same(feeds[0], feed));
        Assert.Same(feeds[0], await Get(RenderAfter(Task.CompletedTask)));
        Assert.Equal(1, _renders);
    }

    [Fact]
    public async Task A_change_renders_again_once()
    {
        var first = await Get(RenderAfter(Task.CompletedTask, "<feed>1</feed>"));
        Interlocked.Increment(ref _version);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Get(RenderAfter(gate.Task, "<feed>2</feed>")))).ToArray();
        gate.SetResult();
        var feeds = await Task.WhenAll(readers);

        Assert.Equal(2, _renders);
        Assert.NotEqual(first!.Tag, feeds[0]!.Tag);
        Assert.All(feeds, feed => Assert.Same(feeds[0], feed));
    }

    [Fact]
    public async Task The_same_revision_read_after_the_database_was_out_of_reach_renders_again()
    {
        var first = await Get(RenderAfter(Task.CompletedTask, "<feed>1</feed>"));
        // The database came back, perhaps without commits the kept document showed: the same number proves nothing.
        _service.Services.GetRequiredService<global::Syndication.Worker.Operations.Health.StorageHealth>()
            .Record(new Storage.StorageFailure(Storage.StorageFailureKind.Unavailable, "PostgreSQL 127.0.0.1", "the server went away"));
        _revision.Invalidate();

        var second = await Get(RenderAfter(Task.CompletedTask, "<feed>2</feed>"));

        Assert.Equal(2, _renders);
        Assert.NotEqual(first!.Tag, second!.Tag);
        Assert.Same(second, await Get(RenderAfter(Task.CompletedTask, "<feed>3</feed>")));
    }

    [Fact]
    public async Task A_failed_render_reaches_every_waiter_and_is_not_kept()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<CancellationToken, Task<RenderedFeed?>> failing = async _ =>
        {
            Interlocked.Increment(ref _renders);
            await gate.Task;
            throw new InvalidOperationException("database is locked");
        };
        var readers = Enumerable.Range(0, 4).Select(_ => Get(failing)).ToArray();
        gate.SetResult();
        foreach (var reader in readers)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader);
            Assert.Equal("database is locked", error.Message);
        }
        Assert.Equal(1, _renders);

        var feed = await Get(RenderAfter(Task.CompletedTask));
        Assert.NotNull(feed);
        Assert.Equal(2, _renders);
    }

    [Fact]
    public async Task A_reader_that_goes_away_does_not_stop_the_render_others_wait_for()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaving = new CancellationTokenSource();
        var first = Get(RenderAfter(gate.Task), leaving.Token);
        var second = Get(RenderAfter(gate.Task));

        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));
        gate.SetResult();

        Assert.NotNull(await second);
        Assert.Same(await second, await Get(RenderAfter(Task.CompletedTask)));
        Assert.Equal(1, _renders);
    }

    [Fact]
    public async Task Nothing_found_is_not_kept()
    {
        Func<CancellationToken, Task<RenderedFeed?>> nothing = _ =>
        {
            Interlocked.Increment(ref _renders);
            return Task.FromResult<RenderedFeed?>(null);
        };
        Assert.Null(await Get(nothing));
        Assert.NotNull(await Get(RenderAfter(Task.CompletedTask)));
        Assert.Equal(2, _renders);
    }

    [Fact]
    public async Task Past_its_budget_the_cache_drops_the_least_recently_served_documents()
    {
        var body = new string('x', 30_000);
        var size = FeedCache.SizeOf(new RenderedFeed(Encoding.UTF8.GetBytes(body), "application/atom+xml", DateTimeOffset.UnixEpoch));
        var cache = new FeedCache(_service.Services.GetRequiredService<ArchiveRevision>(), maxBytes: 2 * size + size / 2);
        var renders = new Dictionary<string, int>();
        async Task<RenderedFeed?> Get(string key)
        {
            var feed = await cache.GetAsync(key, _ => 1, _ =>
            {
                renders[key] = renders.GetValueOrDefault(key) + 1;
                return Task.FromResult<RenderedFeed?>(new RenderedFeed(Encoding.UTF8.GetBytes(key + body), "application/atom+xml", DateTimeOffset.UnixEpoch));
            }, CancellationToken.None);
            await Task.Delay(30); // apart on the millisecond clock that orders them
            return feed;
        }

        await Get("feeds/archive/2020-01.atom");
        await Get("feeds/archive/2020-02.atom");
        await Get("feeds/archive/2020-01.atom"); // served again: now the more recent of the two
        await Get("feeds/archive/2020-03.atom"); // the third does not fit: 2020-02 goes

        Assert.InRange(cache.Bytes, 2 * size, 2 * size + size / 2);
        await Get("feeds/archive/2020-01.atom");
        await Get("feeds/archive/2020-03.atom");
        Assert.Equal(1, renders["feeds/archive/2020-01.atom"]);
        Assert.Equal(1, renders["feeds/archive/2020-03.atom"]);
        await Get("feeds/archive/2020-02.atom");
        Assert.Equal(2, renders["feeds/archive/2020-02.atom"]);
        Assert.InRange(cache.Bytes, 0, 2 * size + size / 2);
    }

    [Fact]
    public async Task A_document_rendered_again_for_a_change_replaces_the_old_one_in_the_count()
    {
        var cache = new FeedCache(_service.Services.GetRequiredService<ArchiveRevision>(), maxBytes: 10_000_000);
        var version = 1L;
        Task<RenderedFeed?> Get() => cache.GetAsync("feeds/atom.xml", _ => version, RenderAfter(Task.CompletedTask, new string('y', 10_000)), CancellationToken.None);

        var first = await Get();
        var once = cache.Bytes;
        version++;
        var second = await Get();

        Assert.NotSame(first, second);
        Assert.Equal(FeedCache.SizeOf(second!), once);
        Assert.Equal(once, cache.Bytes);
    }
}
