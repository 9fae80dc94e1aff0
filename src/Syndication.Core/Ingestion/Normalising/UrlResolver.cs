using System.Buffers;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Makes feed URLs absolute against a base and keeps only the schemes a reader can follow.</summary>
internal static class UrlResolver
{
    /// <summary>The absolute http(s) form of url, or null when it is empty, unresolvable or of another scheme.</summary>
    public static string? Resolve(string? url, Uri? baseUri)
    {
        // Nearly every link in a feed is written as Uri would write it: then it is the answer as it stands.
        var trimmed = url?.Trim();
        return trimmed is not null && IsWrittenAsUriWritesIt(trimmed) ? trimmed : ResolveWithUri(trimmed, baseUri);
    }

    /// <summary>The answer of <see cref="Resolve"/> as Uri gives it, parsing and writing the URL again.</summary>
    internal static string? ResolveWithUri(string? url, Uri? baseUri)
    {
        var absolute = ToAbsolute(url, baseUri);
        return absolute is not null && IsHttp(absolute) ? absolute.AbsoluteUri : null;
    }

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    private static readonly SearchValues<char> HostChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-");

    // Unreserved characters and the sub-delimiters, which Uri leaves as they are in an http path or query; not "%"
    // (Uri decodes some escapes), "#", "\\" or anything outside ASCII.
    private static readonly SearchValues<char> PathChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@");

    private static readonly SearchValues<char> QueryChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@?");

    /// <summary>
    /// Whether url is an absolute http(s) URL that Uri writes back unchanged: lower-case scheme and host name (no port,
    /// user, IP address or IDN), a path of plain characters without "." or ".." segments, an optional plain query.
    /// False means only that Uri must decide.
    /// </summary>
    internal static bool IsWrittenAsUriWritesIt(string url)
    {
        var rest = url.StartsWith("https://", StringComparison.Ordinal) ? url.AsSpan(8)
            : url.StartsWith("http://", StringComparison.Ordinal) ? url.AsSpan(7)
            : default;
        var hostEnd = rest.IndexOf('/');
        if (rest.IsEmpty || url.Length > 2048 || hostEnd <= 0 || !IsPlainHostName(rest[..hostEnd]))
        {
            return false;
        }
        var path = rest[hostEnd..];
        var queryStart = path.IndexOf('?');
        var query = queryStart < 0 ? default : path[(queryStart + 1)..];
        path = queryStart < 0 ? path : path[..queryStart];
        return !path.ContainsAnyExcept(PathChars) && !query.ContainsAnyExcept(QueryChars)
            && !path.Contains("//", StringComparison.Ordinal) && !path.Contains("./", StringComparison.Ordinal) && path[^1] != '.';
    }

    private static bool IsPlainHostName(ReadOnlySpan<char> host)
    {
        if (host.Length > 253 || host.ContainsAnyExcept(HostChars))
        {
            // Upper case, a port, user info, an IPv6 address, or not ASCII.
            return false;
        }
        var numbersOnly = true;
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-' || label.StartsWith("xn--", StringComparison.Ordinal))
            {
                return false;
            }
            numbersOnly &= IsNumberLike(label);
        }
        // Numbers only, as "127.1" or "0x7f.1", is an IPv4 address, which Uri writes in its own way.
        return !numbersOnly;
    }

    /// <summary>A decimal, octal or hexadecimal ("0x7f") part of an IPv4 address, or something Uri might take for one.</summary>
    private static bool IsNumberLike(ReadOnlySpan<char> label) =>
        !label.ContainsAnyExceptInRange('0', '9')
        || (label.StartsWith("0x", StringComparison.Ordinal) && !label[2..].ContainsAnyExcept(HexDigits));

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
