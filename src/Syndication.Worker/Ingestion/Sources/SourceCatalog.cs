using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Ingestion.Sources;

/// <summary>
/// Adds, removes and imports sources with the checks every front end needs (an absolute http(s) URL, never one of the
/// service's own feeds): the one place <c>syndication sources</c> and the admin console change subscriptions.
/// </summary>
public sealed class SourceCatalog(SourceStore store, OwnFeeds own)
{
    /// <summary>Adds a feed by hand (or brings back a removed one): the source, or why it was refused.</summary>
    public async Task<SourceAddition> AddAsync(string url, string? title, CancellationToken cancellationToken)
    {
        url = url.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return new SourceAddition(null, SourceRefusal.NotHttpUrl);
        }
        if (own.IsOwn(uri))
        {
            return new SourceAddition(null, SourceRefusal.OwnFeed);
        }
        title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        var source = await store.AddAsync(new OpmlOutline(uri.AbsoluteUri, title, null, null), SourceOrigins.Cli, cancellationToken);
        return new SourceAddition(source, null);
    }

    /// <summary>Stops polling a source, keeping its entries; false when there is no such active source.</summary>
    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) => store.RemoveAsync(id, cancellationToken);

    /// <summary>Adds every outline of an OPML document except the service's own feeds; returns the refused URLs.</summary>
    public async Task<SourceImport> ImportAsync(IReadOnlyList<OpmlOutline> outlines, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        foreach (var outline in outlines)
        {
            if (IsOwn(outline.XmlUrl))
            {
                refused.Add(outline.XmlUrl);
                continue;
            }
            await store.AddAsync(outline, SourceOrigins.Cli, cancellationToken);
        }
        return new SourceImport(outlines.Count - refused.Count, refused);
    }

    /// <summary>True when the URL is one of this service's own feeds.</summary>
    public bool IsOwn(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && own.IsOwn(uri);
}
