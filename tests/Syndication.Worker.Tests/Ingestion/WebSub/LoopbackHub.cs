using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Syndication.Worker.Tests.Ingestion.WebSub;

/// <summary>
/// Our own WebSub hub on loopback, for the subscriber's tests: it takes subscribe requests (answering with the status
/// the test sets), and on the test's word checks the subscriber's intent on its callback and delivers signed content.
/// </summary>
public sealed class LoopbackHub
{
    private readonly Channel<HubSubscribeRequest> _requests = Channel.CreateUnbounded<HubSubscribeRequest>();
    // Shared by every hub of the test run, as HttpClient is meant to be.
    private static readonly HttpClient Client = new();
    private volatile int _status = StatusCodes.Status202Accepted;

    public LoopbackHub(LoopbackFeedServer server, string path = "/hub")
    {
        Url = server.Url(path);
        server.Map(path, async context =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var status = _status;
            await _requests.Writer.WriteAsync(new HubSubscribeRequest(
                form["hub.mode"].ToString(), form["hub.topic"].ToString(), new Uri(form["hub.callback"].ToString()),
                form["hub.secret"].ToString(), form["hub.lease_seconds"].ToString(), status));
            context.Response.StatusCode = status;
        });
    }

    public Uri Url { get; }

    /// <summary>How many checks of intent and deliveries this hub has sent.</summary>
    public int Sent => _sent;

    private int _sent;

    /// <summary>The status the next subscribe requests get (202 Accepted unless set).</summary>
    public int Status
    {
        get => _status;
        set => _status = value;
    }

    /// <summary>The next subscribe request the subscriber sends; fails the test if none comes within <see cref="Eventually.Limit"/>.</summary>
    public async Task<HubSubscribeRequest> NextRequestAsync() => await _requests.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Limit);

    /// <summary>Checks the subscriber's intent as a hub does: GET on the callback with a fresh challenge; returns the status, the body and the challenge.</summary>
    public async Task<(int Status, string Body, string Challenge)> VerifyAsync(Uri callback, string topic, int leaseSeconds, string mode = "subscribe")
    {
        Interlocked.Increment(ref _sent);
        var challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var query = $"hub.mode={mode}&hub.topic={Uri.EscapeDataString(topic)}&hub.challenge={challenge}&hub.lease_seconds={leaseSeconds}";
        using var response = await Client.GetAsync(new Uri(callback.AbsoluteUri + "?" + query));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), challenge);
    }

    /// <summary>Delivers <paramref name="body"/> to the callback, signed with <paramref name="secret"/> (sha256) unless it is null; returns the status.</summary>
    public async Task<int> DeliverAsync(Uri callback, string body, string? secret, string contentType = "application/rss+xml; charset=utf-8")
    {
        Interlocked.Increment(ref _sent);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        }
        using var response = await Client.SendAsync(request);
        return (int)response.StatusCode;
    }
}

/// <summary>One subscribe request as the hub received it, and the status it answered.</summary>
public sealed record HubSubscribeRequest(string Mode, string Topic, Uri Callback, string Secret, string LeaseSeconds, int AnsweredStatus);
