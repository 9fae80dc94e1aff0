using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Syndication.Worker.Tests.Publishing.Pages;

/// <summary>Fetches a page and parses it as a browser would, for tests that read links and elements rather than strings.</summary>
public static class HtmlDocument
{
    private static readonly HtmlParser Parser = new();

    public static async Task<(System.Net.HttpStatusCode Status, string? MediaType, IDocument Document)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, Parser.ParseDocument(html));
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The absolute addresses of the page's links.</summary>
    public static IEnumerable<string> Links(IDocument document, Uri baseAddress) =>
        document.QuerySelectorAll("a[href]").Select(a => new Uri(baseAddress, a.GetAttribute("href")!).AbsoluteUri);
}
