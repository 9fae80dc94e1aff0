using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Syndication.Worker.Tests.Ingestion;

namespace Syndication.Worker.Tests.Alerts;

/// <summary>A webhook receiver on loopback: records every request's headers and body, and answers 500 to the first <see cref="FailFirst"/> of them.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackFeedServer _server;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly Lock _order = new();
    private int _count;

    private WebhookReceiver(LoopbackFeedServer server)
    {
        _server = server;
        server.Map("/hook", async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            int status;
            // Decided and recorded in one step: deliveries arrive at once, and the queue's order is the order of the
            // answers (the first request recorded is the one answered 500).
            lock (_order)
            {
                status = ++_count <= FailFirst ? StatusCodes.Status500InternalServerError : StatusCodes.Status204NoContent;
                _received.Enqueue(new ReceivedDelivery(
                    context.Request.Headers["X-Syndication-Delivery"].ToString(),
                    context.Request.Headers["X-Syndication-Event"].ToString(),
                    context.Request.Headers["X-Syndication-Signature"].ToString(),
                    context.Request.ContentType,
                    body.ToArray(),
                    status));
            }
            context.Response.StatusCode = status;
        });
    }

    public int FailFirst { get; set; }

    public string Url => _server.Url("/hook").AbsoluteUri;

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync() => new(await LoopbackFeedServer.StartAsync());

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One request the receiver got, and the status it answered.</summary>
public sealed record ReceivedDelivery(string DeliveryId, string Event, string Signature, string? ContentType, byte[] Body, int Status)
{
    /// <summary>
    /// The time the signature header names, verified as docs/alerts.md tells a receiver to (computed here, not with the
    /// service's own code): v1 must be the HMAC-SHA256 with <paramref name="secret"/> of "t." and the body's bytes.
    /// </summary>
    public DateTimeOffset SignedAt(string secret)
    {
        var parts = Signature.Split(',').Select(part => part.Split('=', 2)).ToDictionary(part => part[0], part => part[1]);
        var signed = Encoding.UTF8.GetBytes(parts["t"] + ".").Concat(Body).ToArray();
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)), parts["v1"]);
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts["t"], CultureInfo.InvariantCulture));
    }
}
