using Syndication.Worker.Partners;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Tests.Partners;

public sealed class PartnerScopesTests
{
    [Theory]
    [InlineData("feeds", "feeds/rss.xml", true)]
    [InlineData("feeds", "feeds/archive/2024-09.atom", true)]
    [InlineData("feeds", "feeds/tags/ca-phe/feed.json", true)]
    [InlineData("feeds", "feeds/related/rss.xml", false)]
    [InlineData("related", "feeds/related/atom.xml", true)]
    [InlineData("related", "feeds/rss.xml", false)]
    [InlineData("section:kinh-te", "feeds/sections/kinh-te/rss.xml", true)]
    [InlineData("section:kinh-te", "feeds/sections/van-hoa/rss.xml", false)]
    [InlineData("section:kinh-te", "feeds/tags/kinh-te/rss.xml", false)]
    [InlineData("section:kinh-te", "feeds/rss.xml", false)]
    [InlineData("section:kinh-te", "feeds/archive/2024-09.atom", false)]
    [InlineData("author:thu-ha", "feeds/authors/thu-ha/atom.xml", true)]
    [InlineData("tag:ca-phe", "feeds/tags/ca-phe/atom.xml", true)]
    [InlineData("admin", "feeds/related/rss.xml", true)]
    [InlineData("admin", "feeds/sections/kinh-te/rss.xml", true)]
    public void Scopes_reach_exactly_their_feeds(string scope, string path, bool allowed)
    {
        Assert.Equal(allowed, PartnerScopes.Allows([scope], FeedAddress.Parse(path)!));
    }

    [Theory]
    [InlineData("feeds", null)]
    [InlineData("section:kinh-te", null)]
    [InlineData("tag:", "is not a slug")]
    [InlineData("author:Thu Hà", "is not a slug")]
    [InlineData("sections:kinh-te", "unknown scope")]
    [InlineData("*", "unknown scope")]
    public void Scope_text_is_checked(string scope, string? problem)
    {
        var error = PartnerScopes.Validate(scope);

        if (problem is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(problem, error);
        }
    }

    [Fact]
    public void A_generated_key_reads_back_and_matches_only_its_own_hash()
    {
        var key = PartnerKey.Generate();
        var other = PartnerKey.Generate();

        Assert.True(PartnerKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal(key, parsed);
        Assert.True(parsed.Matches(key.SecretHash));
        Assert.False(parsed.Matches(other.SecretHash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("syn_")]
    [InlineData("syn_0123456789ab")]
    [InlineData("syn_0123456789AB_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("syn_0123456789ab_000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("xyz_0123456789ab_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("syn_0123456789ab_0000000000000000000000000000000000000000000000000000000000000000_x")]
    public void Malformed_keys_do_not_parse(string? text)
    {
        Assert.False(PartnerKey.TryParse(text, out _));
    }
}
