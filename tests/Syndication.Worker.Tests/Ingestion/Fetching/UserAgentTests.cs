using Microsoft.Extensions.Options;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

public sealed class UserAgentTests
{
    [Theory]
    [InlineData("https://bao.example.vn/", "Syndication/1.0 (+https://bao.example.vn/)")]
    [InlineData("http://localhost:5000/", "Syndication/1.0 (+http://localhost:5000/)")]
    [InlineData(null, "Syndication/1.0")]
    [InlineData("not a url", "Syndication/1.0")]
    public void Default_names_the_service_and_its_url(string? baseUrl, string expected) =>
        Assert.Equal(expected, UserAgent.Default(baseUrl));

    [Fact]
    public void Base_url_is_asked_for_only_when_first_needed()
    {
        var asked = 0;
        var userAgent = new UserAgent(Options.Create(new IngestionOptions()), () =>
        {
            asked++;
            return "https://bao.example.vn/";
        });
        Assert.Equal(0, asked);

        Assert.Equal("Syndication/1.0 (+https://bao.example.vn/)", userAgent.Value);
        Assert.Equal("Syndication/1.0 (+https://bao.example.vn/)", userAgent.Value);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Configured_value_wins() =>
        Assert.Equal("Bot/2", new UserAgent(Options.Create(new IngestionOptions { UserAgent = " Bot/2 " }), () => "https://x.example/").Value);

    [Fact]
    public void Configured_value_with_a_line_break_is_rejected_naming_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new UserAgent(Options.Create(new IngestionOptions { UserAgent = "Bot/2\r\nX-Evil: 1" }), () => null));
        Assert.Contains("Syndication:Ingestion:UserAgent", error.Message, StringComparison.Ordinal);
    }
}
