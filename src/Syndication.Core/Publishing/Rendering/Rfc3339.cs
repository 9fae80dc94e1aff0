using System.Globalization;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>Times as the Atom formatter writes them: RFC 3339 in the archive's offset, to the second, "Z" for UTC.</summary>
internal static class Rfc3339
{
    public static string Format(Site site, DateTimeOffset time)
    {
        var local = site.Local(time);
        return local.Offset == TimeSpan.Zero
            ? local.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
