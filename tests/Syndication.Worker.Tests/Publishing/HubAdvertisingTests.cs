using System.Text.Json;
using System.Xml.Linq;

namespace Syndication.Worker.Tests.Publishing;

public sealed class HubAdvertisingTests : IAsyncLifetime
{
    private const string Hub = "https://hub.example.test/";
    private readonly string _root = ServiceUnderTest.NewRoot();
    private ServiceUnderTest _service = null!;

    public async Task InitializeAsync() => _service = await ServiceUnderTest.StartAsync(_root, "--Syndication:WebSubHub", Hub);

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    [Theory]
    [InlineData("feeds/rss.xml")]
    [InlineData("feeds/atom.xml")]
    [InlineData("feeds/sections/kinh-te/rss.xml")]
    [InlineData("feeds/authors/hong-chuyen/atom.xml")]
    [InlineData("feeds/archive/2021-07.atom")]
    [InlineData("feeds/related/rss.xml")]
    [InlineData("feeds/related/atom.xml")]
    public async Task Every_xml_feed_advertises_the_hub(string path)
    {
        var document = XDocument.Parse(await _service.Client.GetStringAsync(path));

        Assert.Contains(document.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")),
            link => (string?)link.Attribute("rel") == "hub" && (string?)link.Attribute("href") == Hub);
    }

    [Theory]
    [InlineData("feeds/feed.json")]
    [InlineData("feeds/related/feed.json")]
    public async Task Json_feeds_list_the_hub(string path)
    {
        using var json = JsonDocument.Parse(await _service.Client.GetStringAsync(path));

        var hub = Assert.Single(json.RootElement.GetProperty("hubs").EnumerateArray());
        Assert.Equal(("WebSub", Hub), (hub.GetProperty("type").GetString(), hub.GetProperty("url").GetString()));
    }
}
