using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;
using Syndication.Worker.Publishing.Export;
using Syndication.Worker.Publishing.WebSub;

namespace Syndication.Worker.Tests.Publishing;

public sealed class PublishingOptionsValidationTests
{
    [Fact]
    public void WebSub_timings_outside_their_range_are_rejected_naming_the_key()
    {
        var result = new WebSubOptionsValidator().Validate(null, new WebSubOptions { WebSubCheckSeconds = 0, WebSubTimeoutSeconds = 301 });

        Assert.True(result.Failed);
        Assert.Contains("Syndication:WebSubCheckSeconds: 0 is outside 1..86400", result.Failures!);
        Assert.Contains("Syndication:WebSubTimeoutSeconds: 301 is outside 1..300", result.Failures!);
        Assert.True(new WebSubOptionsValidator().Validate(null, new WebSubOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(65_537, false)]
    public void The_feed_cache_budget_is_checked_naming_the_key(int megabytes, bool valid)
    {
        var result = new SyndicationOptionsValidator().Validate(null, new SyndicationOptions { FeedCacheMegabytes = megabytes });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains($"Syndication:FeedCacheMegabytes: {megabytes} is outside 1..65536", result.Failures!);
        }
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("public", "", false)]
    [InlineData("public", "https://bao.example.vn/", true)]
    public void Scheduled_export_needs_the_public_base_url(string directory, string publicBaseUrl, bool valid)
    {
        var validator = new ExportOptionsValidator(Options.Create(new SyndicationOptions { PublicBaseUrl = publicBaseUrl }));

        var result = validator.Validate(null, new ExportOptions { Directory = directory });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Syndication:PublicBaseUrl", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
