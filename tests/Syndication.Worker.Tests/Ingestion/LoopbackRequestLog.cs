using Microsoft.AspNetCore.Http;

namespace Syndication.Worker.Tests.Ingestion;

/// <summary>One path's request count and latest request headers, updated from many connections at once.</summary>
internal sealed class LoopbackRequestLog
{
    private int _count;
    private volatile IHeaderDictionary? _lastHeaders;

    public int Count => Volatile.Read(ref _count);

    public IHeaderDictionary? LastHeaders => _lastHeaders;

    public void Record(IHeaderDictionary headers)
    {
        // A copy: Kestrel reuses a connection's header collection for the next request.
        _lastHeaders = new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        Interlocked.Increment(ref _count);
    }
}
