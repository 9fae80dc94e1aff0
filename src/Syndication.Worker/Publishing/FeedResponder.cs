using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Syndication.Worker.Publishing;

/// <summary>Writes a rendered document to a response: conditional GET (304), HEAD, and pre-compressed gzip / brotli.</summary>
public static class FeedResponder
{
    public static Task WriteAsync(HttpContext context, RenderedFeed feed, int maxAgeSeconds)
    {
        var request = context.Request;
        var response = context.Response;
        var (coding, body) = ChooseEncoding(request.Headers.AcceptEncoding, feed);

        var headers = response.GetTypedHeaders();
        headers.LastModified = feed.LastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(maxAgeSeconds) };
        response.Headers.ETag = EntityTag(feed, coding);
        response.Headers.Vary = HeaderNames.AcceptEncoding;

        if (IsNotModified(request, feed))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = feed.ContentType;
        response.ContentLength = body.Length;
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Each coding is its own representation, so its strong tag differs; matching ignores the suffix.</summary>
    private static string EntityTag(RenderedFeed feed, string? coding) => coding switch
    {
        "br" => $"\"{feed.Tag}-br\"",
        "gzip" => $"\"{feed.Tag}-gz\"",
        _ => $"\"{feed.Tag}\"",
    };

    private static bool IsNotModified(HttpRequest request, RenderedFeed feed)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); weak comparison as the RFC asks for GET.
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || OpaqueTag(tag) == feed.Tag);
        }
        var typed = request.GetTypedHeaders();
        return typed.IfModifiedSince is { } since && feed.LastModified <= since;
    }

    private static string OpaqueTag(EntityTagHeaderValue tag)
    {
        var value = tag.Tag.AsSpan().Trim('"');
        foreach (var suffix in (ReadOnlySpan<string>)["-br", "-gz"])
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                return value[..^suffix.Length].ToString();
            }
        }
        return value.ToString();
    }

    private static (string? Coding, byte[] Body) ChooseEncoding(StringValues acceptEncoding, RenderedFeed feed)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return (null, feed.Body);
        }
        double Quality(string name)
        {
            var named = codings.FirstOrDefault(c => c.Value.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? codings.FirstOrDefault(c => c.Value == "*");
            return named is null ? 0 : named.Quality ?? 1.0;
        }
        var brotli = Quality("br");
        var gzip = Quality("gzip");
        if (brotli > 0 && brotli >= gzip)
        {
            return ("br", feed.Brotli);
        }
        return gzip > 0 ? ("gzip", feed.Gzip) : (null, feed.Body);
    }
}
