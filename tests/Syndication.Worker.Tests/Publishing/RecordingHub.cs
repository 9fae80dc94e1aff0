using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Syndication.Worker.Tests.Ingestion;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>A WebSub hub stand-in on loopback: records every publish ping and answers with the status the test chooses.</summary>
public sealed class RecordingHub : IAsyncDisposable
{
    private readonly LoopbackFeedServer _server;
    private readonly ConcurrentQueue<HubPing> _pings = new();
    private volatile int _status = StatusCodes.Status204NoContent;
    private TimeSpan _stall;

    private RecordingHub(LoopbackFeedServer server)
    {
        _server = server;
        server.Map("/hub", async context =>
        {
            var status = _status;
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
            _pings.Enqueue(new HubPing(form?["hub.mode"], [.. form?["hub.url"].Select(url => url!) ?? []], context.Request.ContentType, status));
            if (_stall > TimeSpan.Zero)
            {
                await Task.Delay(_stall, context.RequestAborted);
            }
            context.Response.StatusCode = status;
        });
    }

    public string Url => _server.Url("/hub").AbsoluteUri;

    /// <summary>The status every ping gets from now on.</summary>
    public int Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>How long the hub waits before answering (a hub that hangs).</summary>
    public TimeSpan Stall
    {
        get => _stall;
        set => _stall = value;
    }

    public IReadOnlyList<HubPing> Pings => [.. _pings];

    /// <summary>The feed URLs of the pings answered with a 2xx, once per ping.</summary>
    public IReadOnlyList<string> Accepted => [.. _pings.Where(ping => ping.Status is >= 200 and < 300).SelectMany(ping => ping.FeedUrls)];

    public static async Task<RecordingHub> StartAsync() => new(await LoopbackFeedServer.StartAsync());

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
