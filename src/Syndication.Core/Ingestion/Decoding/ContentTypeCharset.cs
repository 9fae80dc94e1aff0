namespace Syndication.Core.Ingestion.Decoding;

/// <summary>Reads the charset parameter of an HTTP Content-Type value ("application/rss+xml; charset=windows-1252").</summary>
internal static class ContentTypeCharset
{
    public static string? Find(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }
        foreach (var range in contentType.AsSpan().Split(';'))
        {
            var parameter = contentType.AsSpan()[range].Trim();
            var equals = parameter.IndexOf('=');
            if (equals <= 0 || !parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var value = parameter[(equals + 1)..].Trim().Trim('"').Trim('\'').Trim();
            return value.IsEmpty ? null : value.ToString();
        }
        return null;
    }
}
