using Microsoft.AspNetCore.Components;
using Syndication.Core.Publishing;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Web;

/// <summary>The base of our pages and their parts: the site they belong to and the addresses of its pages.</summary>
public abstract class SiteComponent : ComponentBase
{
    [Inject]
    private SiteProvider Sites { get; set; } = null!;

    protected Site Site => Sites.Site;

    /// <summary>An absolute URL of a path below the site (the site may live below a path of its host).</summary>
    protected string Url(string path) => Site.Url(path).AbsoluteUri;
}
