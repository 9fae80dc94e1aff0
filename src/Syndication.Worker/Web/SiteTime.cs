using System.Globalization;
using Syndication.Core.Publishing;

namespace Syndication.Worker.Web;

/// <summary>Times as pages show them: in the archive's zone, written with the invariant culture whatever the server's.</summary>
public static class SiteTime
{
    /// <summary>"17:03, 29/07/2021" — the newspaper's own way of dating an article.</summary>
    public static string Text(Site site, DateTimeOffset time) =>
        site.Local(time).ToString("HH:mm, dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"29/07/2021".</summary>
    public static string Date(Site site, DateTimeOffset time) =>
        site.Local(time).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c> and structured data: ISO 8601 with the offset.</summary>
    public static string Iso(Site site, DateTimeOffset time) =>
        site.Local(time).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The zone as Vietnamese readers name it: "GMT+7" (and "GMT+5:30", "GMT" for other zones).</summary>
    public static string Zone(Site site, DateTimeOffset time)
    {
        var offset = site.Local(time).Offset;
        if (offset == TimeSpan.Zero)
        {
            return "GMT";
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var absolute = offset.Duration();
        return absolute.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"GMT{sign}{absolute.Hours}")
            : string.Create(CultureInfo.InvariantCulture, $"GMT{sign}{absolute.Hours}:{absolute.Minutes:D2}");
    }
}
