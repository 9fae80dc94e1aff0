using System.Net;
using System.Text.RegularExpressions;

namespace Syndication.Worker.Tests.Operations.Admin;

/// <summary>
/// A browser-like client of the admin console: keeps cookies, reads each form's anti-forgery token from the page it is
/// on, and posts forms as a browser does (Origin set, redirects followed).
/// </summary>
public sealed partial class AdminConsoleClient : IDisposable
{
    private readonly HttpClientHandler _handler;

    public AdminConsoleClient(Uri baseAddress, bool followRedirects = true)
    {
        _handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects };
        Http = new HttpClient(_handler) { BaseAddress = baseAddress };
        Http.DefaultRequestHeaders.Add("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    /// <summary>Signs in with a key through the login form; returns the answer to the form's post.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string key) =>
        await PostFormAsync("admin", "admin/login", new() { ["key"] = key });

    /// <summary>Opens <paramref name="page"/>, then posts <paramref name="action"/> with the token found on that page.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields) =>
        PostFieldsAsync(page, action, fields);

    /// <summary>As <see cref="PostFormAsync"/>, with fields that may repeat a name (boxes ticked in one group).</summary>
    public async Task<HttpResponseMessage> PostFieldsAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = TokenOf(await Http.GetStringAsync(page));
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__token", token))));
    }

    /// <summary>As <see cref="PostFormAsync"/>, with a file as multipart/form-data (the OPML upload).</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string page, string action, string field, string fileName, string content)
    {
        var token = TokenOf(await Http.GetStringAsync(page));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__token" },
            { new StringContent(content, System.Text.Encoding.UTF8, "text/x-opml"), field, fileName },
        };
        return await Http.PostAsync(action, form);
    }

    public static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery token on the page");

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
