namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Makes feed URLs absolute against a base and keeps only the schemes a reader can follow.</summary>
internal static class UrlResolver
{
    /// <summary>The absolute http(s) form of url, or null when it is empty, unresolvable or of another scheme.</summary>
    public static string? Resolve(string? url, Uri? baseUri)
    {
        var absolute = ToAbsolute(url, baseUri);
        return absolute is not null && IsHttp(absolute) ? absolute.AbsoluteUri : null;
    }

    /// <summary>Resolves an xml:base (or a feed link used as base); any scheme, since a base only anchors others.</summary>
    public static Uri? ToAbsolute(string? url, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        var trimmed = url.Trim();
        if (HasScheme(trimmed))
        {
            return Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) ? absolute : null;
        }
        // Checked by hand: on Unix, Uri takes "/tin/x.html" for an absolute file path.
        if (baseUri is null || !Uri.TryCreate(trimmed, UriKind.Relative, out var relative))
        {
            return null;
        }
        return Uri.TryCreate(baseUri, relative, out var resolved) ? resolved : null;
    }

    public static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool HasScheme(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0]))
        {
            return false;
        }
        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return true;
            }
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }
        return false;
    }
}
