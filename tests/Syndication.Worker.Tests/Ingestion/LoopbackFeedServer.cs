using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Syndication.Worker.Tests.Ingestion;

/// <summary>A real Kestrel server on a free loopback port whose routes tests register and replace at any time, counting requests per path.</summary>
public sealed class LoopbackFeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoopbackRequestLog> _requests = new(StringComparer.Ordinal);
    private Uri _baseUrl = null!;

    private LoopbackFeedServer(WebApplication app)
    {
        _app = app;
        app.Run(DispatchAsync);
    }

    /// <summary>"http://127.0.0.1:PORT/".</summary>
    public Uri BaseUrl => _baseUrl;

    public int Port => _baseUrl.Port;

    public static async Task<LoopbackFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Handlers that stall on purpose end when their client goes; a stop must not wait long for the rest.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var server = new LoopbackFeedServer(builder.Build());
        await server._app.StartAsync();
        // Known only once Kestrel has bound its free port.
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._baseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The absolute URL of a path on this server ("/feed.xml" or "feed.xml").</summary>
    public Uri Url(string path) => new(_baseUrl, path.TrimStart('/'));

    /// <summary>Registers (or replaces) the handler of one exact path; unregistered paths get 404.</summary>
    public void Map(string path, Func<HttpContext, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _routes[Normalise(path)] = handler;
    }

    /// <summary>Serves a fixed body with a strong or weak ETag and Last-Modified, answering matching conditional requests with 304.</summary>
    public void ServeFeed(
        string path, string body, string contentType, string? etag = null, DateTimeOffset? lastModified = null, IReadOnlyList<(string Name, string Value)>? headers = null) =>
        ServeBytes(path, Encoding.UTF8.GetBytes(body), contentType, etag: etag, lastModified: lastModified, headers: headers);

    /// <summary>Serves fixed bytes as they are; with <paramref name="contentEncoding"/> they must already be encoded so ("gzip", "br", "deflate").</summary>
    public void ServeBytes(
        string path,
        byte[] body,
        string contentType,
        string? contentEncoding = null,
        string? etag = null,
        DateTimeOffset? lastModified = null,
        IReadOnlyList<(string Name, string Value)>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var lastModifiedText = lastModified?.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        Map(path, async context =>
        {
            var response = context.Response;
            foreach (var (name, value) in headers ?? [])
            {
                response.Headers.Append(name, value);
            }
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }
            if (lastModifiedText is not null)
            {
                response.Headers.LastModified = lastModifiedText;
            }
            if (IsNotModified(context.Request, etag, lastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            response.ContentType = contentType;
            if (contentEncoding is not null)
            {
                response.Headers.ContentEncoding = contentEncoding;
            }
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted);
        });
    }

    /// <summary>Answers with a redirect of the given status to <paramref name="target"/>, sent as given (relative or absolute).</summary>
    public void Redirect(string path, string target, int status = StatusCodes.Status301MovedPermanently) =>
        Map(path, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        });

    /// <summary>Answers with a bare status and the given headers.</summary>
    public void Status(string path, int status, params (string Name, string Value)[] headers) =>
        Map(path, context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }
            return Task.CompletedTask;
        });

    /// <summary>How many requests reached this path, whether a route was registered for it or not.</summary>
    public int RequestCount(string path) => _requests.TryGetValue(Normalise(path), out var log) ? log.Count : 0;

    /// <summary>The headers of the latest request to this path, or null when none came.</summary>
    public IHeaderDictionary? LastRequestHeaders(string path) =>
        _requests.TryGetValue(Normalise(path), out var log) ? log.LastHeaders : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.GetOrAdd(path, _ => new LoopbackRequestLog()).Record(context.Request.Headers);
        if (_routes.TryGetValue(path, out var handler))
        {
            return handler(context);
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static bool IsNotModified(HttpRequest request, string? etag, DateTimeOffset? lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
            return etag is not null && (ifNoneMatch.Trim() == "*"
                || ifNoneMatch.Split(',').Any(candidate => candidate.Trim() == etag));
        }
        return lastModified is not null
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && lastModified.Value.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    private static string Normalise(string path) => "/" + path.TrimStart('/');
}
