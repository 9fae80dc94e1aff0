using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Syndication.Worker.Publishing;

/// <summary>Writes a rendered document to a response: conditional GET (304), HEAD, and pre-compressed gzip / brotli.</summary>
public static class FeedResponder
{
    /// <summary>Writes <paramref name="feed"/>; <paramref name="privateTo"/> names the partner of a partner's response,
    /// which makes its entity tags the partner's own and keeps shared caches from storing it (null for public feeds).</summary>
    public static Task WriteAsync(HttpContext context, RenderedFeed feed, int maxAgeSeconds, string? privateTo = null) =>
        Write(context, feed, maxAgeSeconds, privateTo, ChooseCoding(context.Request.Headers.AcceptEncoding));

    /// <summary>Writes a public feed whose answer needs no work: a 304, or bytes in the coding the request asks for that
    /// are made already (the first 200 in a coding compresses it); false, writing nothing, otherwise.</summary>
    internal static bool TryWriteReady(HttpContext context, RenderedFeed feed, int maxAgeSeconds, out Task written)
    {
        var coding = ChooseCoding(context.Request.Headers.AcceptEncoding);
        // Readers that come back with the tag they hold get a 304 from the tag alone, whether or not any reader has
        // had this feed's compressed bytes since it was rendered (after a restart, all may be 304s).
        if (!feed.IsReady(coding) && !IsNotModified(context.Request, feed, feed.Tag, isPublic: true))
        {
            written = Task.CompletedTask;
            return false;
        }
        written = Write(context, feed, maxAgeSeconds, privateTo: null, coding);
        return true;
    }

    private static Task Write(HttpContext context, RenderedFeed feed, int maxAgeSeconds, string? privateTo, ContentCoding coding)
    {
        var request = context.Request;
        var response = context.Response;
        var tag = privateTo is null ? feed.Tag : $"{feed.Tag}.{privateTo}";

        // Header values come ready-made (RenderedFeed, CacheControl): the same text the typed headers would write.
        var headers = response.Headers;
        headers.LastModified = feed.LastModifiedText;
        headers.CacheControl = CacheControl(maxAgeSeconds, privateTo is null);
        headers.ETag = privateTo is null ? feed.EntityTagOf(coding) : EntityTag(tag, coding);
        // Public feed URLs answer browsers with a page (Browsing.FeedNegotiation), so caches must key on Accept too.
        headers.Vary = privateTo is null ? PublicVary : PrivateVary;

        if (IsNotModified(request, feed, tag, privateTo is null))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = coding switch
        {
            ContentCoding.Brotli => feed.Brotli,
            ContentCoding.Gzip => feed.Gzip,
            _ => feed.Body,
        };
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = feed.ContentType;
        response.ContentLength = body.Length;
        if (coding != ContentCoding.Identity)
        {
            headers.ContentEncoding = coding == ContentCoding.Brotli ? BrotliName : GzipName;
        }
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : WriteBodyAsync(response, body);
    }

    private const string BrotliName = "br";
    private const string GzipName = "gzip";
    private static readonly string PublicVary = $"{HeaderNames.Accept}, {HeaderNames.AcceptEncoding}";
    private static readonly string PrivateVary = $"{HeaderNames.AcceptEncoding}, {HeaderNames.Authorization}";
    private static CacheControlText? _cacheControl;

    /// <summary>The Cache-Control value for a max age, public or private, written once per max age.</summary>
    private static string CacheControl(int maxAgeSeconds, bool isPublic)
    {
        var known = _cacheControl;
        if (known is null || known.MaxAgeSeconds != maxAgeSeconds)
        {
            string Text(bool shared) =>
                new CacheControlHeaderValue { Public = shared, Private = !shared, MaxAge = TimeSpan.FromSeconds(maxAgeSeconds) }.ToString();
            known = new CacheControlText(maxAgeSeconds, Text(shared: true), Text(shared: false));
            _cacheControl = known;
        }
        return isPublic ? known.Public : known.Private;
    }

    private sealed record CacheControlText(int MaxAgeSeconds, string Public, string Private);

    /// <summary>The largest piece of a body handed to Kestrel at once: Kestrel's own response buffer, so a feed up to
    /// that size (the site feed uncompressed, ~57 KB on the 100,000-article archive) goes in one copy and one send.</summary>
    internal const int SliceBytes = 64 * 1024;

    /// <summary>Kestrel copies what is written into its send buffers before the socket takes it: a large document written
    /// in one call would hold a copy of itself per reader until that reader has received it all (an archive month to 64
    /// readers at once: ~20 MB). Written in slices, each waits for the buffer to drain, so a reader holds at most a
    /// slice and Kestrel's response buffer (64 KB) — the same bytes from our one cached array.</summary>
    private static Task WriteBodyAsync(HttpResponse response, byte[] body)
    {
        if (body.Length > SliceBytes)
        {
            return WriteSlicesAsync(response.BodyWriter, body);
        }
        // One copy into Kestrel's buffer behind the headers, no flush of its own: the end of the response sends both at once.
        response.BodyWriter.Write((ReadOnlySpan<byte>)body);
        return Task.CompletedTask;
    }

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
    private static string EntityTag(string tag, ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => $"\"{tag}-br\"",
        ContentCoding.Gzip => $"\"{tag}-gz\"",
        _ => $"\"{tag}\"",
    };

    private static bool IsNotModified(HttpRequest request, RenderedFeed feed, string tag, bool isPublic)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            // A reader sends back the one tag we gave it: known without parsing.
            if (isPublic && ifNoneMatch.Count == 1 && IsOwnTag(ifNoneMatch.ToString(), feed))
            {
                return true;
            }
            // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2); weak comparison as the RFC asks for GET.
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(presented => presented.Equals(EntityTagHeaderValue.Any) || OpaqueTag(presented) == tag);
        }
        var ifModifiedSince = request.Headers.IfModifiedSince;
        return !StringValues.IsNullOrEmpty(ifModifiedSince)
            && HeaderUtilities.TryParseDate(ifModifiedSince.ToString(), out var since) && feed.LastModified <= since;
    }

    /// <summary>One of the feed's own entity tags, strong or weak (W/"…"), exactly as we write them.</summary>
    private static bool IsOwnTag(string presented, RenderedFeed feed)
    {
        var value = presented.AsSpan();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        return value.SequenceEqual(feed.GzipEntityTag) || value.SequenceEqual(feed.IdentityEntityTag) || value.SequenceEqual(feed.BrotliEntityTag);
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

    private static ContentCoding ChooseCoding(StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 1 && PlainCodings(acceptEncoding.ToString(), out var listsGzip, out var listsBrotli))
        {
            // Every listed coding has quality 1, so brotli wins when listed, as below.
            return listsBrotli ? ContentCoding.Brotli : listsGzip ? ContentCoding.Gzip : ContentCoding.Identity;
        }
        if (!StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return ContentCoding.Identity;
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
            return ContentCoding.Brotli;
        }
        return gzip > 0 ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    /// <summary>Reads the usual Accept-Encoding of readers and browsers ("gzip", "gzip, deflate, br"): names of codings
    /// separated by commas, no weights and no wildcard. False for anything else, which the full parser then reads.</summary>
    private static bool PlainCodings(string header, out bool gzip, out bool brotli)
    {
        gzip = brotli = false;
        foreach (var range in header.AsSpan().Split(','))
        {
            var name = header.AsSpan(range).Trim(" \t");
            if (name.IsEmpty)
            {
                return false;
            }
            foreach (var c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
            gzip |= name.Equals(GzipName, StringComparison.OrdinalIgnoreCase);
            brotli |= name.Equals(BrotliName, StringComparison.OrdinalIgnoreCase);
        }
        return true;
    }
}
