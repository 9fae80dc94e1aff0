using Syndication.Core.Publishing.Rendering;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Web;

/// <summary>A feed a page offers to feed readers (<c>&lt;link rel="alternate"&gt;</c> autodiscovery).</summary>
public sealed record AlternateLink(string Title, string Path, FeedFormat Format)
{
    public string MediaType => Format.MediaType();

    /// <summary>The three formats of one feed, titled "NAME (RSS)", "NAME (Atom)", "NAME (JSON Feed)".</summary>
    public static IEnumerable<AlternateLink> AllFormats(string name, Func<FeedFormat, FeedAddress> address) =>
        FeedFormatNames.All.Select(format => new AlternateLink($"{name} ({FeedFormatNames.Name(format)})", address(format).Path, format));
}
