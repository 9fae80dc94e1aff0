using Microsoft.Extensions.Options;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>The User-Agent every fetch sends: the configured one, or "Syndication/VERSION (+BASE-URL)" so publishers can see who polls them.</summary>
public sealed class UserAgent
{
    private readonly Lazy<string> _value;

    /// <param name="options">Its <see cref="IngestionOptions.UserAgent"/>, when set, is used as it is.</param>
    /// <param name="baseUrl">The service's public base URL, asked for at the first fetch (the listening address is known by then).</param>
    public UserAgent(IOptions<IngestionOptions> options, Func<string?> baseUrl)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var configured = options.Value.UserAgent;
        if (string.IsNullOrWhiteSpace(configured))
        {
            _value = new Lazy<string>(() => Default(baseUrl()));
            return;
        }
        if (!IsHeaderSafe(configured))
        {
            throw new ArgumentException(
                $"{IngestionOptions.SectionName}:UserAgent must be printable ASCII on one line", nameof(options));
        }
        _value = new Lazy<string>(configured.Trim());
    }

    public string Value => _value.Value;

    /// <summary>"Syndication/1.0 (+https://bao.example.vn/)"; without a usable base URL just "Syndication/1.0".</summary>
    public static string Default(string? baseUrl)
    {
        var version = typeof(UserAgent).Assembly.GetName().Version ?? new Version(1, 0);
        var product = $"Syndication/{version.Major}.{version.Minor}";
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && IsHeaderSafe(url.AbsoluteUri)
            ? $"{product} (+{url.AbsoluteUri})"
            : product;
    }

    private static bool IsHeaderSafe(string value) => value.All(c => c is >= ' ' and <= '~');
}
