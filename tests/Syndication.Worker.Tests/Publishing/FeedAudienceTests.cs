using Syndication.Core.Publishing;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>Where a feed is kept in the cache for each audience: partners share documents only when their profiles agree.</summary>
public sealed class FeedAudienceTests
{
    private static readonly PartnerProfile Lead = new(FullText: false, Images: false, Media: false, Sections: ["van-hoa"], Attribution: "Theo báo");

    [Fact]
    public void Partners_with_different_profiles_never_share_a_cache_key_and_equal_profiles_do()
    {
        var full = FeedAudience.Partner(null, PartnerProfile.Default).CacheKeyOf("feeds/rss.xml");
        var lead = FeedAudience.Partner(null, Lead).CacheKeyOf("feeds/rss.xml");
        var sameLead = FeedAudience.Partner(null, Lead with { Sections = ["van-hoa"] }).CacheKeyOf("feeds/rss.xml");
        var embargoLead = (FeedAudience.Partner(null, Lead) with { Embargoed = true }).CacheKeyOf("feeds/rss.xml");

        Assert.NotEqual(full, lead);
        Assert.Equal(lead, sameLead);
        Assert.NotEqual(lead, embargoLead);
        Assert.NotEqual(lead, FeedAudience.Partner(null, Lead with { Attribution = "Theo báo bạn" }).CacheKeyOf("feeds/rss.xml"));
        Assert.StartsWith("partners/feeds/rss.xml#", lead, StringComparison.Ordinal);
        Assert.Equal("feeds/rss.xml", FeedAudience.Public.CacheKeyOf("feeds/rss.xml"));
    }

    [Fact]
    public void A_partner_audience_narrows_facets_to_its_sections_and_the_public_does_not()
    {
        Assert.Equal(["van-hoa"], FeedAudience.Partner("syn_x", Lead).Narrow(Storage.Articles.ArticleFacet.Site).Sections);
        Assert.Null(FeedAudience.Public.Narrow(Storage.Articles.ArticleFacet.Site).Sections);
        Assert.False(FeedAudience.Partner("syn_x", Lead).FullText);
    }
}
