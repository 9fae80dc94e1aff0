using Dapper;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Search;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Search;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class CoverageStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _temporary;
    private readonly CoverageStore _coverage;

    protected CoverageStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _coverage = new CoverageStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<RelationReport> RelatePendingAsync(RelationOptions? options = null) =>
        await _coverage.RelatePendingAsync(options ?? RelationOptions.Default, 1000, CancellationToken.None);

    private async Task LoadAndRelateAsync(RelationOptions? options = null)
    {
        await CoverageFixture.StoreAsync(_temporary);
        var report = await RelatePendingAsync(options);
        Assert.Equal(0, report.Remaining);
    }

    private async Task<IReadOnlyList<string>> CoverageOfAsync(string slug) =>
        [.. (await _coverage.GetArticleCoverageAsync(slug, 50, CancellationToken.None)).Select(related => Name(related.Entry.Link))];

    private static string Name(string? link) => link![(link!.LastIndexOf('/') + 1)..];

    private async Task<IReadOnlyList<(string Article, string Entry)>> AllPairsAsync()
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<(string, string)>("""
            SELECT a.slug, e.link FROM article_coverage c JOIN articles a ON a.id = c.article_id JOIN entries e ON e.id = c.entry_id
            ORDER BY a.slug, e.link
            """)];
    }

    [DatabaseTheory]
    [InlineData("tin-dung-krong-pac", "krong-pac-von-vay")]
    [InlineData("gia-ca-phe-ky-luc", "nhan-cong-hai-ca-phe")]
    [InlineData("le-hoi-cong-chieng", "le-hoi-cong-chieng")]
    [InlineData("sat-lo-quoc-lo-26", "deo-phuong-hoang")]
    [InlineData("tuyen-sinh-lop-10", "tuyen-sinh-10")]
    [InlineData("tin-dung-ea-sup-10-nam", "ea-sup-10-nam")]
    public async Task The_known_related_entry_ranks_first_for_its_article(string article, string entry)
    {
        await LoadAndRelateAsync();

        var explanation = await _coverage.ExplainAsync(article, RelationOptions.Default, CancellationToken.None);

        var best = explanation!.Candidates[0];
        Assert.Equal(entry, Name(best.Link));
        Assert.True(best.Kept);
        Assert.Contains(entry, await CoverageOfAsync(article));
    }

    [DatabaseFact]
    public async Task An_entry_without_marks_is_related_to_the_article_it_covers()
    {
        await LoadAndRelateAsync();

        Assert.Equal(["tin-dung-tiep-suc", "krong-pac-von-vay"], await CoverageOfAsync("tin-dung-krong-pac"));
        Assert.Equal(["nhan-cong-hai-ca-phe", "gia-ca-phe-hom-nay"], await CoverageOfAsync("gia-ca-phe-ky-luc"));
    }

    [DatabaseFact]
    public async Task The_same_topic_a_year_apart_is_not_coverage()
    {
        await LoadAndRelateAsync();

        Assert.DoesNotContain("ea-sup-10-nam", await CoverageOfAsync("tin-dung-krong-pac"));
        Assert.Equal(["ea-sup-10-nam"], await CoverageOfAsync("tin-dung-ea-sup-10-nam"));
    }

    [DatabaseFact]
    public async Task Entries_sharing_only_the_province_name_or_nothing_relate_to_no_article()
    {
        await LoadAndRelateAsync();

        var related = (await AllPairsAsync()).Select(pair => Name(pair.Entry)).ToHashSet();
        Assert.DoesNotContain("tong-ket-giam-ngheo", related);
        Assert.DoesNotContain("bong-da-aff", related);
        Assert.DoesNotContain("xe-buyt-dien", related);
    }

    [DatabaseFact]
    public async Task Explaining_shows_the_terms_looked_for_and_for_each_entry_its_score_and_matched_terms()
    {
        await LoadAndRelateAsync();

        var explanation = await _coverage.ExplainAsync("tin-dung-krong-pac", RelationOptions.Default, CancellationToken.None);

        Assert.NotNull(explanation);
        Assert.Equal("krong pac", explanation.Terms[0].Term);
        Assert.Contains(explanation.Terms, term => term.Term == "tin dung");
        var best = explanation.Candidates[0];
        Assert.Equal("Nông thôn Tây Nguyên", best.SourceTitle);
        Assert.Equal(Math.Round(best.Relevance * best.Recency, 2), Math.Round(best.Score, 2));
        Assert.True(best.Recency is > 0.9 and < 1);
        Assert.Contains("tin dung", best.MatchedTerms);
        Assert.Contains("krong pac", best.MatchedTerms);
        var stored = await _coverage.GetArticleCoverageAsync("tin-dung-krong-pac", 10, CancellationToken.None);
        Assert.Equal(best.MatchedTerms, stored.Single(related => related.Entry.Id == best.EntryId).MatchedTerms);
        Assert.Null(await _coverage.ExplainAsync("khong-co-bai-nay", RelationOptions.Default, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Section_coverage_lists_each_related_entry_once_newest_first_with_its_source_and_article()
    {
        await LoadAndRelateAsync();

        var economy = await _coverage.GetCoverageAsync(new ArticleFacet(FacetKind.Section, "kinh-te"), 50, CancellationToken.None);

        Assert.Equal(["tin-dung-tiep-suc", "nhan-cong-hai-ca-phe", "gia-ca-phe-hom-nay", "krong-pac-von-vay", "ea-sup-10-nam"], economy.Select(related => Name(related.Entry.Link)));
        Assert.Equal(("Tin nhanh Tây Nguyên", "tin-dung-krong-pac"), (economy[0].Entry.SourceTitle, economy[0].ArticleSlug));
        Assert.Equal(
            ["deo-phuong-hoang", "tuyen-sinh-10"],
            (await _coverage.GetCoverageAsync(new ArticleFacet(FacetKind.Section, "xa-hoi"), 50, CancellationToken.None)).Select(related => Name(related.Entry.Link)).Order());
        Assert.Equal(2, (await _coverage.GetCoverageAsync(ArticleFacet.Site, 2, CancellationToken.None)).Count);
    }

    [DatabaseFact]
    public async Task Relating_new_entries_after_a_poll_gives_the_same_coverage_as_relating_the_articles_anew()
    {
        // Articles first (relating them finds no entries yet), then the polls: the entries' own path relates them.
        await new ArticleStore(_temporary.Database, _temporary.Clock).UpsertAsync(CoverageFixture.Articles, CancellationToken.None);
        Assert.Equal(new RelationReport(CoverageFixture.Articles.Count, 0, 0), await RelatePendingAsync());
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("DELETE FROM articles");
        }
        await CoverageFixture.StoreAsync(_temporary);
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            // The articles are stored again after the entries arrive; take them off the queue so only the entries' path runs.
            await connection.ExecuteAsync("DELETE FROM pending_article_relations");
        }
        var byEntries = await RelatePendingAsync();
        var pairsByEntries = await AllPairsAsync();

        await _coverage.QueueAllArticlesAsync(CancellationToken.None);
        await RelatePendingAsync();

        Assert.Equal(0, byEntries.Articles);
        Assert.True(byEntries.Entries > 0);
        Assert.NotEmpty(pairsByEntries);
        Assert.Equal(await AllPairsAsync(), pairsByEntries);
    }

    [DatabaseFact]
    public async Task Entries_dated_across_a_gap_in_the_archive_relate_as_the_articles_path_relates_them()
    {
        // The archive has nothing between March 2025 and November 2026. Related in this order, the first entry's window
        // (autumn 2025) holds no article, the second's (August to February) does though it starts later, and the
        // third's (November 2024 to May 2025) holds March 2025: what is remembered of one must not answer for the next.
        await CoverageFixture.StoreAsync(_temporary);
        var clock = _temporary.Clock;
        var source = await new SourceStore(_temporary.Database, clock).AddAsync(
            new OpmlOutline("https://tintuc.example/rss", "Tin tức", null, null), SourceOrigins.Cli, CancellationToken.None);
        // The fixture's own coverage of two articles, stored again by another outlet under new links and dates.
        var fixture = CoverageFixture.Sources.SelectMany(outlet => outlet.Entries).ToDictionary(entry => Name(entry.Link));
        ParsedEntry Copy(string of, string name, DateTimeOffset published) =>
            fixture[of] with { Id = $"https://tintuc.example/{name}", Link = $"https://tintuc.example/{name}", Published = published };
        await new EntryStore(_temporary.Database).SavePollAsync(
            new PollRecord { SourceId = source.Id, PolledAt = clock.GetUtcNow(), Succeeded = true, HttpStatus = 200, NextPoll = clock.GetUtcNow().AddMinutes(30), IntervalMinutes = 30 },
            [
                Copy("krong-pac-von-vay", "krong-pac-giua-nam", new DateTimeOffset(2025, 12, 1, 2, 0, 0, TimeSpan.Zero)),
                Copy("krong-pac-von-vay", "krong-pac-mua-thu", new DateTimeOffset(2026, 11, 8, 2, 0, 0, TimeSpan.Zero)),
                Copy("ea-sup-10-nam", "ea-sup-dau-nam", new DateTimeOffset(2025, 2, 27, 2, 0, 0, TimeSpan.Zero)),
            ],
            CancellationToken.None);
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            // Only the entries' path runs first.
            await connection.ExecuteAsync("DELETE FROM pending_article_relations");
        }

        await RelatePendingAsync();
        var byEntries = await AllPairsAsync();
        await _coverage.QueueAllArticlesAsync(CancellationToken.None);
        await RelatePendingAsync();

        Assert.Contains(("tin-dung-krong-pac", "https://tintuc.example/krong-pac-mua-thu"), byEntries);
        Assert.Contains(("tin-dung-ea-sup-10-nam", "https://tintuc.example/ea-sup-dau-nam"), byEntries);
        Assert.DoesNotContain(byEntries, pair => pair.Entry.EndsWith("krong-pac-giua-nam", StringComparison.Ordinal));
        Assert.Equal(await AllPairsAsync(), byEntries);
    }

    [DatabaseFact]
    public async Task Deleting_an_entry_or_an_article_takes_its_coverage_with_it()
    {
        await LoadAndRelateAsync();
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);

        await connection.ExecuteAsync("DELETE FROM entries WHERE link LIKE '%/krong-pac-von-vay'");
        Assert.Equal(["tin-dung-tiep-suc"], await CoverageOfAsync("tin-dung-krong-pac"));

        await connection.ExecuteAsync("DELETE FROM articles WHERE slug = 'gia-ca-phe-ky-luc'");
        Assert.DoesNotContain((await AllPairsAsync()).Select(pair => Name(pair.Entry)), name => name.Contains("ca-phe", StringComparison.Ordinal));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM article_coverage WHERE article_id NOT IN (SELECT id FROM articles)"));
    }

    [DatabaseFact]
    public async Task Retention_takes_the_coverage_of_the_entries_it_removes()
    {
        await LoadAndRelateAsync();

        await new EntryStore(_temporary.Database).DeleteOlderThanAsync(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Empty(await CoverageOfAsync("tin-dung-ea-sup-10-nam"));
    }

    [DatabaseFact]
    public async Task An_edited_article_is_related_again()
    {
        await LoadAndRelateAsync();
        var article = CoverageFixture.Articles.Single(article => article.Slug == "le-hoi-cong-chieng");

        await new ArticleStore(_temporary.Database, _temporary.Clock).UpsertAsync(
            [article with { Title = "Sạt lở đèo Phượng Hoàng trên Quốc lộ 26", Lead = null, BodyHtml = "<p>Quốc lộ 26 qua đèo Phượng Hoàng sạt lở sau mưa lớn.</p>" }],
            CancellationToken.None);
        var report = await RelatePendingAsync();

        Assert.Equal(new RelationReport(1, 0, 0), report);
        Assert.Equal(["deo-phuong-hoang"], await CoverageOfAsync("le-hoi-cong-chieng"));
    }

    [DatabaseFact]
    public async Task Threshold_and_the_most_per_article_bound_what_is_kept()
    {
        await LoadAndRelateAsync(RelationOptions.Default with { MaxPerArticle = 1 });
        Assert.Equal(["krong-pac-von-vay"], await CoverageOfAsync("tin-dung-krong-pac"));

        await _coverage.QueueAllArticlesAsync(CancellationToken.None);
        await RelatePendingAsync(RelationOptions.Default with { Threshold = 1000 });
        Assert.Empty(await AllPairsAsync());
    }

    [DatabaseFact]
    public async Task A_change_of_coverage_moves_the_entries_revision()
    {
        await CoverageFixture.StoreAsync(_temporary);
        var articles = new ArticleStore(_temporary.Database, _temporary.Clock);
        var before = await articles.GetRevisionsAsync(CancellationToken.None);

        await RelatePendingAsync();
        var after = await articles.GetRevisionsAsync(CancellationToken.None);
        await _coverage.QueueAllArticlesAsync(CancellationToken.None);
        await RelatePendingAsync();

        Assert.True(after.Entries > before.Entries);
        Assert.Equal(after, await articles.GetRevisionsAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Coverage_of_nothing_is_empty()
    {
        Assert.Empty(await _coverage.GetArticleCoverageAsync("khong-co-bai-nay", 10, CancellationToken.None));
        Assert.Empty(await _coverage.GetCoverageAsync(new ArticleFacet(FacetKind.Section, "the-thao"), 10, CancellationToken.None));
        Assert.Empty(await _coverage.GetCoverageAsync(ArticleFacet.Site, 10, CancellationToken.None));
        Assert.Equal(RelationReport.Nothing, await RelatePendingAsync());
    }

    // Rows stored before dates were checked: one at the end of the calendar, whose window once threw on every round
    // and kept the queue from emptying, and one whose date cannot be read at all.
    [DatabaseFact]
    public async Task A_bad_row_is_skipped_once_and_the_rest_is_related()
    {
        await CoverageFixture.StoreAsync(_temporary);
        long badId;
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            badId = await connection.ExecuteScalarAsync<long>("SELECT id FROM articles WHERE slug = 'sat-lo-quoc-lo-26'");
            await connection.ExecuteAsync(
                "UPDATE articles SET published_utc = '9999-12-31T20:00:00.0000000Z' WHERE slug = 'le-hoi-cong-chieng'");
            await connection.ExecuteAsync("UPDATE articles SET published_utc = 'not a date' WHERE slug = 'sat-lo-quoc-lo-26'");
        }

        var report = await RelatePendingAsync();

        Assert.Equal(0, report.Remaining);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal((SearchHitKind.Article, badId), (skipped.Kind, skipped.Id));
        Assert.Empty(await CoverageOfAsync("le-hoi-cong-chieng"));
        Assert.Equal(["tin-dung-tiep-suc", "krong-pac-von-vay"], await CoverageOfAsync("tin-dung-krong-pac"));
        Assert.Empty((await RelatePendingAsync()).Skipped);
    }

    [DatabaseFact]
    public async Task Relating_in_rounds_reports_what_remains()
    {
        await CoverageFixture.StoreAsync(_temporary);

        var first = await _coverage.RelatePendingAsync(RelationOptions.Default, 4, CancellationToken.None);

        Assert.Equal(new RelationReport(4, 0, CoverageFixture.Articles.Count - 4 + CoverageFixture.Sources.Sum(source => source.Entries.Count)), first);
    }
}

public sealed class SqliteCoverageStoreTests() : CoverageStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresCoverageStoreTests(PostgresServer server) : CoverageStoreTests(new PostgresTestDatabase(server));
