using System.Text;
using Syndication.Core.Articles;
using Syndication.Core.Generating;

namespace Syndication.Core.Tests.Generating;

public sealed class ArchiveGeneratorTests
{
    private static readonly SectionCatalog Sections = new(new Dictionary<string, string> { ["kinh-te"] = "Kinh tế" }, "thoi-su");

    private static string Fingerprint(IEnumerable<ArticleContent> articles) =>
        string.Join('\n', articles.Select(article => article.SourceKey + " " + article.ComputeHash()));

    [Fact]
    public void The_same_seed_gives_the_same_archive_and_another_seed_another()
    {
        var first = Fingerprint(ArchiveGenerator.Generate(200, 7, Sections));

        Assert.Equal(first, Fingerprint(ArchiveGenerator.Generate(200, 7, Sections)));
        Assert.NotEqual(first, Fingerprint(ArchiveGenerator.Generate(200, 8, Sections)));
    }

    [Fact]
    public void Articles_are_real_sized_composed_vietnamese_spread_over_time_with_unique_slugs()
    {
        var articles = ArchiveGenerator.Generate(1000, 1, Sections).ToList();

        Assert.Equal(1000, articles.Count);
        Assert.Equal(1000, articles.Select(article => article.Slug).Distinct().Count());
        Assert.Equal(ArchiveGenerator.Newest, articles[^1].Published);
        Assert.True(articles[^1].Published - articles[0].Published >= TimeSpan.FromDays(364));
        Assert.True(articles.Zip(articles.Skip(1)).All(pair => pair.First.Published <= pair.Second.Published));
        Assert.All(articles, article =>
        {
            Assert.True(article.BodyHtml.Length > 1000, $"body of {article.Slug} is only {article.BodyHtml.Length} characters");
            Assert.True(article.Title.IsNormalized(NormalizationForm.FormC));
            Assert.NotEmpty(article.Authors);
            Assert.NotEmpty(article.Tags);
        });
        Assert.True(articles.Count(article => article.Images.Count > 0) > 300);
        Assert.True(articles.Select(article => article.Section.Slug).Distinct().Count() >= 5);
    }
}
