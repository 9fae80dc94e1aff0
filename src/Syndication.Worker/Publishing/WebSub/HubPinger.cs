using System.Text;
using Microsoft.Extensions.Options;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>
/// Tells a WebSub hub that one feed changed: <c>POST hub.mode=publish&amp;hub.url=FEED</c>, form-encoded. The hub is
/// the operator's choice, so it is not held to the ingestion fetcher's public-address guard — only to http(s).
/// </summary>
internal sealed class HubPinger(IHttpClientFactory clients, UserAgent userAgent, TimeProvider clock, IOptions<WebSubOptions> options)
{
    public const string HttpClientName = "websub";

    // Enough of a refusal's body to say why (hubs explain in a line), not enough to flood the log.
    private const int ErrorBodyChars = 200;

    /// <summary>Sends one ping; failures (status, refusal, timeout) come back as a result, never as an exception.</summary>
    public async Task<HubPingResult> PingAsync(Uri hub, Uri feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(feed);
        var started = clock.GetTimestamp();
        HubPingResult Result(bool accepted, int? status, string? error) => new(accepted, status, error, clock.GetElapsedTime(started));
        if (hub.Scheme is not ("http" or "https"))
        {
            return Result(false, null, $"the hub '{hub}' is not an http(s) URL");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, hub)
        {
            Content = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feed.AbsoluteUri)]),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent.Value);
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return Result(true, status, null);
            }
            var reason = await ReadReasonAsync(response, cancellationToken);
            return Result(false, status, reason.Length == 0 ? $"HTTP {status}" : $"HTTP {status}: {reason}");
        }
        catch (HttpRequestException error)
        {
            return Result(false, null, error.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, not our caller, ended it.
            return Result(false, null, $"no answer within {options.Value.WebSubTimeoutSeconds} s");
        }
    }

    private static async Task<string> ReadReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body, Encoding.UTF8);
            var buffer = new char[ErrorBodyChars];
            var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
            // One log line per ping: the hub's words on one line, without control characters.
            return new string([.. buffer.Take(read).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            return "";
        }
    }
}
