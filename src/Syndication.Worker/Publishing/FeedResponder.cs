using System.IO.Pipelines;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Syndication.Worker.Publishing;

/// <summary>Writes a rendered document to a response: conditional GET (304), HEAD, and pre-compressed gzip / brotli.</summary>
public static class FeedResponder
{
    /// <summary>Writes <paramref name="feed"/>; <paramref name="privateTo"/> names the partner of a partner's response,
    /// which makes its entity tags the partner's own and keeps shared caches from storing it (null for public feeds).</summary>
    public static Task WriteAsync(HttpContext context, RenderedFeed feed, int maxAgeSeconds, string? privateTo = null)
    {
        var request = context.Request;
        var response = context.Response;
        var (coding, body) = ChooseEncoding(request.Headers.AcceptEncoding, feed);
        var tag = privateTo is null ? feed.Tag : $"{feed.Tag}.{privateTo}";

        var headers = response.GetTypedHeaders();
        headers.LastModified = feed.LastModified;
        headers.CacheControl = new CacheControlHeaderValue { Public = privateTo is null, Private = privateTo is not null, MaxAge = TimeSpan.FromSeconds(maxAgeSeconds) };
        response.Headers.ETag = EntityTag(tag, coding);
        // Public feed URLs answer browsers with a page (Browsing.FeedNegotiation), so caches must key on Accept too.
        response.Headers.Vary = privateTo is null ? $"{HeaderNames.Accept}, {HeaderNames.AcceptEncoding}" : $"{HeaderNames.AcceptEncoding}, {HeaderNames.Authorization}";

        if (IsNotModified(request, feed, tag))
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
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : WriteBodyAsync(response, body);
    }

    /// <summary>The largest piece of a body handed to Kestrel at once.</summary>
    internal const int SliceBytes = 32 * 1024;

    /// <summary>Kestrel copies what is written into its send buffers before the socket takes it: a large document written
    /// in one call would hold a copy of itself per reader until that reader has received it all (an archive month to 64
    /// readers at once: ~20 MB). Written in slices, each waits for the buffer to drain, so a reader holds at most a
    /// slice and Kestrel's response buffer (64 KB) — the same bytes from our one cached array.</summary>
    private static Task WriteBodyAsync(HttpResponse response, byte[] body) =>
        body.Length <= SliceBytes ? response.Body.WriteAsync(body).AsTask() : WriteSlicesAsync(response.BodyWriter, body);

    private static async Task WriteSlicesAsync(PipeWriter writer, byte[] body)
    {
        for (var offset = 0; offset < body.Length; offset += SliceBytes)
        {
            var result = await writer.WriteAsync(body.AsMemory(offset, Math.Min(SliceBytes, body.Length - offset)));
            if (result.IsCompleted || result.IsCanceled)
            {
                return; // the reader has gone
            }
        }
    }

    /// <summary>Each coding is its own representation, so its strong tag differs; matching ignores the suffix.</summary>
    private static string EntityTag(string tag, string? coding) => coding switch
    {
        "br" => $"\"{tag}-br\"",
        "gzip" => $"\"{tag}-gz\"",
        _ => $"\"{tag}\"",
    };

    private static bool IsNotModified(HttpRequest request, RenderedFeed feed, string tag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); weak comparison as the RFC asks for GET.
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(presented => presented.Equals(EntityTagHeaderValue.Any) || OpaqueTag(presented) == tag);
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
