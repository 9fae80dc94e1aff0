using Dapper;
using Syndication.Core.Articles;
using Syndication.Core.Text;
using Syndication.Storage.Articles;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Articles;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class ArticleStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly Section Politics = new("chinh-tri", "Chính trị");
    private static readonly Section Economy = new("kinh-te", "Kinh tế");
    private static readonly DateTimeOffset Published = new(2021, 7, 29, 10, 3, 0, TimeSpan.Zero);

    private readonly TestDatabase _temporary;
    private readonly ArticleStore _store;

    protected ArticleStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _store = new ArticleStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>An article with every part filled in, in orders that are not alphabetical.</summary>
    private static ArticleContent FullArticle(string sourceKey = "txt:000_91e8b4edcccac0ee") => new()
    {
        SourceKey = sourceKey,
        Slug = "tang-cuong-su-lanh-dao",
        Title = "Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội",
        Lead = "Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 940.",
        BodyHtml = "<p>Theo đó, các cấp ủy tăng cường lãnh đạo.</p>\n<figure><figcaption>Cán bộ hỗ trợ người dân</figcaption></figure>",
        Authors = ["Trần Thị B", "Hồng Chuyên", "Anh Văn"],
        Section = Politics,
        Tags = ["tín dụng", "CSXH", "chính sách"],
        Images =
        [
            new ArticleImage("https://example.test/a.jpg", "Cán bộ hỗ trợ người dân", "image/jpeg", 12345),
            new ArticleImage(null, "Ảnh không có địa chỉ"),
        ],
        Related =
        [
            new RelatedLink("(E-magazine) Kiến tạo kinh tế nông nghiệp, nông thôn", "Đắk Lắk không chỉ…"),
            new RelatedLink("Bài thứ hai", null, "https://example.test/bai-thu-hai"),
        ],
        Published = Published,
    };

    private static ArticleContent Minimal(string sourceKey, string slug, DateTimeOffset published, Section? section = null) => new()
    {
        SourceKey = sourceKey,
        Slug = slug,
        Title = "Bài " + slug,
        BodyHtml = "<p>Nội dung.</p>",
        Section = section ?? Politics,
        Published = published,
    };

    private Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(params ArticleContent[] articles) =>
        _store.UpsertAsync(articles, CancellationToken.None);

    private async Task<Article> ReadBackAsync(string slug) =>
        await _store.GetBySlugAsync(slug, CancellationToken.None) ?? throw new InvalidOperationException($"no article '{slug}'");

    [DatabaseFact]
    public async Task New_article_is_inserted_and_reads_back_equal_in_every_field()
    {
        var content = FullArticle();

        var outcomes = await UpsertAsync(content);

        Assert.Equal([UpsertOutcome.Inserted], outcomes);
        var stored = await ReadBackAsync(content.Slug);
        Assert.True(stored.Id > 0);
        Assert.Equal(StableIds.FromName(content.SourceKey), stored.StableId);
        Assert.Equal(content.Slug, stored.Slug);
        Assert.Equal(content.Title, stored.Title);
        Assert.Equal(content.Lead, stored.Lead);
        Assert.Equal(content.BodyHtml, stored.BodyHtml);
        Assert.Equal(content.Authors, stored.Authors);
        Assert.Equal(content.Section, stored.Section);
        Assert.Equal(content.Tags, stored.Tags);
        Assert.Equal(content.Images, stored.Images);
        Assert.Equal(content.Related, stored.Related);
        Assert.Equal(content.Published, stored.Published);
        Assert.Equal(TimeSpan.Zero, stored.Published.Offset);
        Assert.Equal(content.Published, stored.Updated);
        Assert.Equal(TimeSpan.Zero, stored.Updated.Offset);
        Assert.Equal(content.ComputeHash(), stored.ContentHash);
    }

    [DatabaseFact]
    public async Task An_image_credit_reads_back_and_a_facet_narrowed_to_sections_keeps_only_theirs()
    {
        var credited = FullArticle() with { Images = [new ArticleImage("https://example.test/a.jpg", "Chú thích", "image/jpeg", 12345, 800, 600, "Ảnh: Hồng Chuyên")] };
        await UpsertAsync(
            credited,
            Minimal("k2", "kinh-te-1", Published.AddHours(1), Economy),
            Minimal("k3", "van-hoa-1", Published.AddHours(2), new Section("van-hoa", "Văn hóa")));

        Assert.Equal("Ảnh: Hồng Chuyên", (await ReadBackAsync(credited.Slug)).Images[0].Credit);
        var narrowed = ArticleFacet.Site with { Sections = ["kinh-te", "van-hoa"] };
        Assert.Equal(["van-hoa-1", "kinh-te-1"], (await _store.GetLatestAsync(10, narrowed, CancellationToken.None)).Select(article => article.Slug));
        Assert.Equal(2, await _store.CountAsync(narrowed, CancellationToken.None));
        Assert.Equal(["kinh-te-1"], (await _store.GetPageAsync(ArticleFacet.Site with { Sections = ["kinh-te"] }, 1, 10, CancellationToken.None)).Select(article => article.Slug));
        Assert.Empty(await _store.GetLatestAsync(10, new ArticleFacet(FacetKind.Section, "chinh-tri") { Sections = ["kinh-te"] }, CancellationToken.None));
        Assert.Equal(["kinh-te-1"], (await _store.GetPublishedBetweenAsync(
            ArticleFacet.Site with { Sections = ["kinh-te"] }, Published.AddDays(-1), Published.AddDays(1), CancellationToken.None)).Select(article => article.Slug));
        Assert.Equal(3, await _store.CountAsync(ArticleFacet.Site, CancellationToken.None));

        Assert.True(await _store.DeleteAsync("kinh-te-1", null, CancellationToken.None));
        Assert.Equal(["kinh-te-1"], (await _store.GetDeletedAsync(ArticleFacet.Site with { Sections = ["kinh-te"] }, null, null, null, CancellationToken.None)).Select(deleted => deleted.Slug));
        Assert.Empty(await _store.GetDeletedAsync(ArticleFacet.Site with { Sections = ["van-hoa"] }, null, null, null, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Sitemap_listings_and_span_summaries_count_only_public_articles()
    {
        var start = TemporaryDatabase.Start;
        await UpsertAsync(
            Minimal("k1", "mot", start.AddDays(-3)),
            Minimal("k2", "hai", start.AddDays(-2)) with { Updated = start.AddDays(-1) },
            Minimal("k3", "ba", start.AddHours(-5)),
            Minimal("k4", "hen-gio", start.AddHours(2)));
        Assert.True(await _store.DeleteAsync("ba", null, CancellationToken.None));

        var listed = await _store.ListPublishedBetweenAsync(start.AddDays(-10), start.AddDays(1), 10, CancellationToken.None);
        var limited = await _store.ListPublishedBetweenAsync(start.AddDays(-10), start.AddDays(1), 1, CancellationToken.None);
        var summaries = await _store.SummarizeSpansAsync(
            [(start.AddDays(-10), start), (start.AddDays(-2), start.AddDays(1)), (start.AddDays(1), start.AddDays(2))], CancellationToken.None);

        Assert.Equal(["hai", "mot"], listed.Select(article => article.Slug));
        Assert.Equal(("Bài hai", start.AddDays(-2), start.AddDays(-1)), (listed[0].Title, listed[0].Published, listed[0].Updated));
        Assert.Equal(["hai"], limited.Select(article => article.Slug));
        Assert.Equal(
            [new SpanSummary(2, start.AddDays(-1)), new SpanSummary(1, start.AddDays(-1)), new SpanSummary(0, null)],
            summaries);
    }

    [DatabaseFact]
    public async Task Explicit_updated_time_and_sub_second_precision_survive_the_round_trip()
    {
        var content = FullArticle() with
        {
            Published = new DateTimeOffset(2021, 7, 29, 17, 3, 0, 123, TimeSpan.FromHours(7)).AddTicks(4567),
            Updated = new DateTimeOffset(2021, 7, 30, 8, 30, 0, TimeSpan.FromHours(7)),
        };

        await UpsertAsync(content);

        var stored = await ReadBackAsync(content.Slug);
        Assert.Equal(content.Published, stored.Published);
        Assert.Equal(content.Published.UtcTicks, stored.Published.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.Published.Offset);
        Assert.Equal(new DateTimeOffset(2021, 7, 30, 1, 30, 0, TimeSpan.Zero), stored.Updated);
    }

    [DatabaseFact]
    public async Task Article_without_optional_parts_reads_back_with_nulls_and_empty_lists()
    {
        var content = Minimal("jsonl:bai-ngan", "bai-ngan", Published);

        await UpsertAsync(content);

        var stored = await ReadBackAsync("bai-ngan");
        Assert.Null(stored.Lead);
        Assert.Empty(stored.Authors);
        Assert.Empty(stored.Tags);
        Assert.Empty(stored.Images);
        Assert.Empty(stored.Related);
    }

    [DatabaseFact]
    public async Task Reimporting_unchanged_article_changes_nothing()
    {
        await UpsertAsync(FullArticle());
        var revision = await _store.GetRevisionAsync(CancellationToken.None);
        var before = await ReadBackAsync(FullArticle().Slug);
        _temporary.Clock.Advance(TimeSpan.FromHours(3));

        var outcomes = await UpsertAsync(FullArticle());

        Assert.Equal([UpsertOutcome.Unchanged], outcomes);
        Assert.Equal(revision, await _store.GetRevisionAsync(CancellationToken.None));
        var after = await ReadBackAsync(FullArticle().Slug);
        Assert.Equal(before.Updated, after.Updated);
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Equal(1, await _store.CountAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Changed_title_updates_the_article_in_place_at_the_clocks_time()
    {
        await UpsertAsync(FullArticle());
        var original = await ReadBackAsync(FullArticle().Slug);
        _temporary.Clock.Advance(TimeSpan.FromHours(3));
        var retitled = FullArticle() with { Title = "Tiêu đề đã sửa", Slug = "tieu-de-da-sua" };

        var outcomes = await UpsertAsync(retitled);

        Assert.Equal([UpsertOutcome.Updated], outcomes);
        Assert.Equal(1, await _store.CountAsync(CancellationToken.None));
        Assert.Null(await _store.GetBySlugAsync("tieu-de-da-sua", CancellationToken.None));
        var updated = await ReadBackAsync(original.Slug);
        Assert.Equal("Tiêu đề đã sửa", updated.Title);
        Assert.Equal(original.Id, updated.Id);
        Assert.Equal(original.StableId, updated.StableId);
        Assert.Equal(TestDatabase.Start.AddHours(3), updated.Updated);
        Assert.Equal(original.Published, updated.Published);
        Assert.Equal(retitled.ComputeHash(), updated.ContentHash);
    }

    [DatabaseFact]
    public async Task Update_replaces_authors_tags_images_and_related_links()
    {
        await UpsertAsync(FullArticle());
        var edited = FullArticle() with
        {
            Authors = ["Minh Thuận"],
            Tags = ["nông nghiệp"],
            Images = [new ArticleImage("https://example.test/b.jpg", "Ảnh mới")],
            Related = [],
            Section = Economy,
        };

        Assert.Equal([UpsertOutcome.Updated], await UpsertAsync(edited));

        var stored = await ReadBackAsync(edited.Slug);
        Assert.Equal(edited.Authors, stored.Authors);
        Assert.Equal(edited.Tags, stored.Tags);
        Assert.Equal(edited.Images, stored.Images);
        Assert.Empty(stored.Related);
        Assert.Equal(Economy, stored.Section);
    }

    [DatabaseFact]
    public async Task Explicit_updated_time_wins_over_the_clock_on_update()
    {
        await UpsertAsync(FullArticle());
        _temporary.Clock.Advance(TimeSpan.FromDays(30));
        var edited = FullArticle() with { Title = "Sửa", Updated = new DateTimeOffset(2021, 8, 1, 0, 0, 0, TimeSpan.Zero) };

        await UpsertAsync(edited);

        Assert.Equal(edited.Updated, (await ReadBackAsync(edited.Slug)).Updated);
    }

    [DatabaseFact]
    public async Task Different_articles_with_the_same_slug_get_numbered_slugs()
    {
        var outcomes = await UpsertAsync(
            Minimal("txt:a", "tin-moi", Published),
            Minimal("txt:b", "tin-moi", Published.AddHours(1)));
        var third = await UpsertAsync(Minimal("txt:c", "tin-moi", Published.AddHours(2)));

        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Inserted], outcomes);
        Assert.Equal([UpsertOutcome.Inserted], third);
        Assert.Equal(StableIds.FromName("txt:a"), (await ReadBackAsync("tin-moi")).StableId);
        Assert.Equal(StableIds.FromName("txt:b"), (await ReadBackAsync("tin-moi-2")).StableId);
        Assert.Equal(StableIds.FromName("txt:c"), (await ReadBackAsync("tin-moi-3")).StableId);
    }

    [DatabaseFact]
    public async Task Latest_articles_come_newest_first_up_to_the_limit()
    {
        await UpsertAsync(
            Minimal("txt:oldest", "oldest", Published.AddDays(-2)),
            Minimal("txt:newest", "newest", Published.AddDays(2)),
            Minimal("txt:middle", "middle", Published));

        var all = await _store.GetLatestAsync(10, ArticleFacet.Site, CancellationToken.None);
        var two = await _store.GetLatestAsync(2, ArticleFacet.Site, CancellationToken.None);

        Assert.Equal(["newest", "middle", "oldest"], all.Select(article => article.Slug));
        Assert.Equal(["newest", "middle"], two.Select(article => article.Slug));
    }

    [DatabaseFact]
    public async Task Summaries_leave_out_the_body_only_where_a_lead_stands_for_it()
    {
        var withLead = FullArticle("txt:lead") with { Slug = "co-sapo", Published = Published };
        var withoutLead = FullArticle("txt:nolead") with { Slug = "khong-sapo", Lead = null, Published = Published.AddHours(1) };
        await UpsertAsync(withLead, withoutLead);
        var monthFrom = Published.AddDays(-1);
        var monthTo = Published.AddDays(1);

        foreach (var summaries in new[]
        {
            await _store.GetLatestAsync(10, ArticleFacet.Site, CancellationToken.None, bodies: false),
            await _store.GetPageAsync(ArticleFacet.Site, 1, 10, CancellationToken.None, bodies: false),
            await _store.GetPublishedBetweenAsync(monthFrom, monthTo, CancellationToken.None, bodies: false),
        })
        {
            Assert.Equal(["khong-sapo", "co-sapo"], summaries.Select(article => article.Slug));
            Assert.Equal(withoutLead.BodyHtml, summaries[0].BodyHtml);
            Assert.Equal("", summaries[1].BodyHtml);
            Assert.Equal(withLead.Lead, summaries[1].Lead);
            Assert.Equal(withLead.Images.Count, summaries[1].Images.Count);
        }
        var full = await _store.GetPublishedBetweenAsync(monthFrom, monthTo, CancellationToken.None);
        Assert.Equal(withLead.BodyHtml, full[1].BodyHtml);
        // A month with no articles reads no rows at all (the reader then has only the columns' declared types).
        Assert.Empty(await _store.GetPublishedBetweenAsync(monthFrom.AddYears(-1), monthTo.AddYears(-1), CancellationToken.None, bodies: false));
    }

    [DatabaseFact]
    public async Task Latest_articles_of_a_section_leave_out_other_sections()
    {
        await UpsertAsync(
            Minimal("txt:p1", "p1", Published, Politics),
            Minimal("txt:e1", "e1", Published.AddHours(1), Economy),
            Minimal("txt:p2", "p2", Published.AddHours(2), Politics));

        var politics = await _store.GetLatestAsync(10, new ArticleFacet(FacetKind.Section, "chinh-tri"), CancellationToken.None);
        var economy = await _store.GetLatestAsync(10, new ArticleFacet(FacetKind.Section, "kinh-te"), CancellationToken.None);
        var unknown = await _store.GetLatestAsync(10, new ArticleFacet(FacetKind.Section, "the-thao"), CancellationToken.None);

        Assert.Equal(["p2", "p1"], politics.Select(article => article.Slug));
        Assert.All(politics, article => Assert.Equal(Politics, article.Section));
        Assert.Equal(["e1"], economy.Select(article => article.Slug));
        Assert.Empty(unknown);
    }

    [DatabaseFact]
    public async Task Latest_articles_carry_their_parts()
    {
        await UpsertAsync(FullArticle(), Minimal("txt:other", "other", Published.AddDays(1)));

        var latest = await _store.GetLatestAsync(10, ArticleFacet.Site, CancellationToken.None);

        Assert.Equal(["other", FullArticle().Slug], latest.Select(article => article.Slug));
        Assert.Empty(latest[0].Authors);
        Assert.Equal(FullArticle().Authors, latest[1].Authors);
        Assert.Equal(FullArticle().Images, latest[1].Images);
    }

    [DatabaseFact]
    public async Task Articles_published_at_the_same_moment_come_latest_stored_first()
    {
        await UpsertAsync(Minimal("txt:first", "first", Published), Minimal("txt:second", "second", Published));

        var latest = await _store.GetLatestAsync(10, ArticleFacet.Site, CancellationToken.None);

        Assert.Equal(["second", "first"], latest.Select(article => article.Slug));
    }

    [DatabaseFact]
    public async Task Sections_are_listed_with_their_article_counts()
    {
        await UpsertAsync(
            Minimal("txt:p1", "p1", Published, Politics),
            Minimal("txt:p2", "p2", Published, Politics),
            Minimal("txt:e1", "e1", Published, Economy));

        var sections = await _store.ListFacetsAsync(FacetKind.Section, CancellationToken.None);

        Assert.Equal(
            [new FacetSummary(FacetKind.Section, "chinh-tri", "Chính trị", 2), new FacetSummary(FacetKind.Section, "kinh-te", "Kinh tế", 1)],
            sections);
    }

    [DatabaseFact]
    public async Task Authors_and_tags_are_listed_with_slugs_made_from_their_names()
    {
        await UpsertAsync(FullArticle());

        var authors = await _store.ListFacetsAsync(FacetKind.Author, CancellationToken.None);
        var tags = await _store.ListFacetsAsync(FacetKind.Tag, CancellationToken.None);

        Assert.Contains(new FacetSummary(FacetKind.Author, "hong-chuyen", "Hồng Chuyên", 1), authors);
        Assert.Contains(new FacetSummary(FacetKind.Tag, "tin-dung", "tín dụng", 1), tags);
        Assert.Equal(3, authors.Count);
    }

    [DatabaseFact]
    public async Task Section_left_empty_by_a_move_is_no_longer_listed()
    {
        await UpsertAsync(Minimal("txt:p1", "p1", Published, Politics));

        await UpsertAsync(Minimal("txt:p1", "p1", Published, Economy));

        Assert.Equal([new FacetSummary(FacetKind.Section, "kinh-te", "Kinh tế", 1)], await _store.ListFacetsAsync(FacetKind.Section, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Revision_moves_once_per_changing_write_and_not_for_unchanged_ones()
    {
        Assert.Equal(0L, await _store.GetRevisionAsync(CancellationToken.None));

        await UpsertAsync(Minimal("txt:a", "a", Published), Minimal("txt:b", "b", Published));
        Assert.Equal(1L, await _store.GetRevisionAsync(CancellationToken.None));

        await UpsertAsync(Minimal("txt:a", "a", Published));
        Assert.Equal(1L, await _store.GetRevisionAsync(CancellationToken.None));

        await UpsertAsync(Minimal("txt:a", "a", Published) with { Title = "Đã sửa" });
        Assert.Equal(2L, await _store.GetRevisionAsync(CancellationToken.None));

        await UpsertAsync(Minimal("txt:c", "c", Published));
        Assert.Equal(3L, await _store.GetRevisionAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Same_source_key_twice_in_one_batch_is_inserted_then_updated()
    {
        var outcomes = await UpsertAsync(Minimal("txt:a", "a", Published), Minimal("txt:a", "a", Published) with { Title = "Bản sau" });

        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Updated], outcomes);
        Assert.Equal(1, await _store.CountAsync(CancellationToken.None));
        Assert.Equal("Bản sau", (await ReadBackAsync("a")).Title);
        Assert.Equal(1L, await _store.GetRevisionAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Batch_that_fails_part_way_stores_nothing()
    {
        await UpsertAsync(Minimal("txt:kept", "kept", Published));
        var broken = Minimal("txt:broken", "broken", Published) with { Related = [new RelatedLink(null!, "a related link must have a title")] };

        await Assert.ThrowsAnyAsync<Exception>(() => UpsertAsync(
            Minimal("txt:new", "new", Published),
            Minimal("txt:kept", "kept", Published) with { Title = "Không được lưu" },
            broken));

        Assert.Equal(1, await _store.CountAsync(CancellationToken.None));
        Assert.Null(await _store.GetBySlugAsync("new", CancellationToken.None));
        Assert.Equal("Bài kept", (await ReadBackAsync("kept")).Title);
        Assert.Equal(1L, await _store.GetRevisionAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Two_writers_storing_the_same_article_at_once_store_it_once()
    {
        var otherStore = new ArticleStore(_temporary.Database, _temporary.Clock);

        var results = await Task.WhenAll(
            Task.Run(() => _store.UpsertAsync([FullArticle()], CancellationToken.None)),
            Task.Run(() => otherStore.UpsertAsync([FullArticle()], CancellationToken.None)));

        Assert.Equal([UpsertOutcome.Inserted, UpsertOutcome.Unchanged], results.SelectMany(outcomes => outcomes).Order());
        Assert.Equal(1, await _store.CountAsync(CancellationToken.None));
        Assert.Equal(FullArticle().Slug, (await ReadBackAsync(FullArticle().Slug)).Slug);
    }

    [DatabaseFact]
    public async Task Authors_are_shared_between_articles_by_name()
    {
        await UpsertAsync(
            FullArticle("txt:one"),
            FullArticle("txt:two") with { Slug = "bai-hai", Authors = ["Hồng Chuyên"] });

        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        var slugs = await connection.QueryAsync<string>("SELECT slug FROM authors ORDER BY slug");
        Assert.Equal(["anh-van", "hong-chuyen", "tran-thi-b"], slugs);
    }

    [DatabaseFact]
    public async Task Missing_slug_gives_null()
    {
        await UpsertAsync(FullArticle());

        Assert.Null(await _store.GetBySlugAsync("khong-co", CancellationToken.None));
    }
    [DatabaseFact]
    public async Task Delete_removes_the_article_and_moves_the_revision()
    {
        await _store.UpsertAsync([Minimal("k:1", "mot", Published), Minimal("k:2", "hai", Published.AddDays(1))], CancellationToken.None);
        var before = await _store.GetRevisionAsync(CancellationToken.None);

        Assert.True(await _store.DeleteAsync("mot", null, CancellationToken.None));

        Assert.Null(await _store.GetBySlugAsync("mot", CancellationToken.None));
        Assert.Equal(["hai"], (await _store.GetLatestAsync(10, ArticleFacet.Site, CancellationToken.None)).Select(a => a.Slug));
        Assert.True(await _store.GetRevisionAsync(CancellationToken.None) > before);
        Assert.False(await _store.DeleteAsync("mot", null, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Deleting_the_oldest_article_keeps_the_published_range()
    {
        await _store.UpsertAsync([Minimal("k:1", "cu", Published.AddYears(-2)), Minimal("k:2", "moi", Published)], CancellationToken.None);

        await _store.DeleteAsync("cu", null, CancellationToken.None);

        Assert.Equal(Published.AddYears(-2), (await _store.GetPublishedRangeAsync(CancellationToken.None))!.Value.Oldest);
    }

    [DatabaseFact]
    public async Task An_article_published_again_after_a_delete_keeps_its_id()
    {
        await _store.UpsertAsync([FullArticle()], CancellationToken.None);
        var first = (await _store.GetBySlugAsync("tang-cuong-su-lanh-dao", CancellationToken.None))!.StableId;
        await _store.DeleteAsync("tang-cuong-su-lanh-dao", null, CancellationToken.None);

        var outcome = await _store.SaveBySlugAsync(FullArticle("api:tang-cuong-su-lanh-dao") with { Title = "Đã sửa" }, CancellationToken.None);

        var again = await _store.GetBySlugAsync("tang-cuong-su-lanh-dao", CancellationToken.None);
        Assert.Equal((UpsertOutcome.Inserted, first, "Đã sửa"), (outcome, again!.StableId, again.Title));
    }

    [DatabaseFact]
    public async Task Save_by_slug_updates_the_article_of_that_slug_whatever_its_source()
    {
        await _store.UpsertAsync([FullArticle()], CancellationToken.None);
        var id = (await _store.GetBySlugAsync("tang-cuong-su-lanh-dao", CancellationToken.None))!.StableId;

        var outcome = await _store.SaveBySlugAsync(FullArticle("api:other") with { Lead = "Dẫn mới." }, CancellationToken.None);
        var unchanged = await _store.SaveBySlugAsync(FullArticle("api:other") with { Lead = "Dẫn mới." }, CancellationToken.None);

        var saved = await _store.GetBySlugAsync("tang-cuong-su-lanh-dao", CancellationToken.None);
        Assert.Equal((UpsertOutcome.Updated, UpsertOutcome.Unchanged, id, "Dẫn mới.", 1), (outcome, unchanged, saved!.StableId, saved.Lead, await _store.CountAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_deleted_article_is_remembered_in_the_section_authors_and_tags_it_was_in_with_its_reason()
    {
        await _store.UpsertAsync([FullArticle()], CancellationToken.None);
        var id = (await _store.GetBySlugAsync("tang-cuong-su-lanh-dao", CancellationToken.None))!.StableId;
        _temporary.Clock.Advance(TimeSpan.FromHours(1));

        await _store.DeleteAsync("tang-cuong-su-lanh-dao", "Gỡ theo yêu cầu", CancellationToken.None);

        var expected = new DeletedArticle(id, "tang-cuong-su-lanh-dao", Published, TemporaryDatabase.Start.AddHours(1), "Gỡ theo yêu cầu");
        foreach (var facet in new[] { ArticleFacet.Site, new(FacetKind.Section, "chinh-tri"), new(FacetKind.Author, "hong-chuyen"), new(FacetKind.Tag, "tin-dung") })
        {
            Assert.Equal([expected], await _store.GetDeletedAsync(facet, null, null, null, CancellationToken.None));
        }
        Assert.Empty(await _store.GetDeletedAsync(new ArticleFacet(FacetKind.Section, "kinh-te"), null, null, null, CancellationToken.None));
        Assert.Empty(await _store.GetDeletedAsync(new ArticleFacet(FacetKind.Tag, "khac"), null, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Deleted_articles_come_newest_first_within_the_dates_and_limit_asked()
    {
        await _store.UpsertAsync(
            [Minimal("k:1", "mot", Published), Minimal("k:2", "hai", Published.AddDays(1)), Minimal("k:3", "ba", Published.AddDays(2))],
            CancellationToken.None);
        foreach (var slug in new[] { "mot", "hai", "ba" })
        {
            await _store.DeleteAsync(slug, null, CancellationToken.None);
        }

        async Task<string[]> Slugs(DateTimeOffset? from, DateTimeOffset? before, int? limit) =>
            [.. (await _store.GetDeletedAsync(ArticleFacet.Site, from, before, limit, CancellationToken.None)).Select(deleted => deleted.Slug)];

        Assert.Equal(["ba", "hai", "mot"], await Slugs(null, null, null));
        Assert.Equal(["hai"], await Slugs(Published.AddDays(1), Published.AddDays(2), null));
        Assert.Equal(["ba", "hai"], await Slugs(Published.AddDays(1), null, null));
        Assert.Equal(["ba"], await Slugs(null, null, 1));
    }

    [Fact]
    public async Task The_publication_time_at_an_offset_is_where_a_page_begins()
    {
        await _store.UpsertAsync([Minimal("k:1", "mot", Published), Minimal("k:2", "hai", Published.AddDays(1))], CancellationToken.None);

        Assert.Equal(Published.AddDays(1), await _store.GetPublishedAtAsync(ArticleFacet.Site, 1, CancellationToken.None));
        Assert.Null(await _store.GetPublishedAtAsync(ArticleFacet.Site, 2, CancellationToken.None));
    }

    [Fact]
    public async Task An_article_dated_ahead_is_stored_under_embargo_and_left_out_of_every_public_read()
    {
        var release = TemporaryDatabase.Start.AddHours(1);
        await _store.UpsertAsync([Minimal("k:1", "cu", Published), Minimal("k:2", "hen-gio", release, Economy)], CancellationToken.None);

        var embargoed = await _store.GetBySlugAsync("hen-gio", CancellationToken.None, includeEmbargoed: true);
        Assert.Equal((release, TemporaryDatabase.Start), (embargoed!.EmbargoedUntil, embargoed.Updated));
        Assert.Null(await _store.GetBySlugAsync("hen-gio", CancellationToken.None));
        Assert.Equal(["cu"], (await _store.GetLatestAsync(10, ArticleFacet.Site, CancellationToken.None)).Select(a => a.Slug));
        Assert.Equal(["hen-gio", "cu"], (await _store.GetLatestAsync(10, ArticleFacet.Site with { IncludeEmbargoed = true }, CancellationToken.None)).Select(a => a.Slug));
        Assert.Equal(0, await _store.CountAsync(new ArticleFacet(FacetKind.Section, "kinh-te"), CancellationToken.None));
        Assert.Equal(1, await _store.CountAsync(ArticleFacet.Site, CancellationToken.None));
        Assert.Equal(1, await _store.CountAsync(new ArticleFacet(FacetKind.Section, "kinh-te") { IncludeEmbargoed = true }, CancellationToken.None));
        Assert.DoesNotContain("kinh-te", (await _store.ListFacetsAsync(FacetKind.Section, CancellationToken.None)).Select(f => f.Slug));
        Assert.Empty(await _store.GetPublishedBetweenAsync(release.AddDays(-1), release.AddDays(1), CancellationToken.None));
        Assert.Empty(await _store.GetByIdsAsync([embargoed.Id], CancellationToken.None));
        Assert.Equal(release, await _store.GetNextReleaseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Release_publishes_what_is_due_and_only_that_and_moves_the_revision()
    {
        var release = TemporaryDatabase.Start.AddHours(1);
        await _store.UpsertAsync([Minimal("k:1", "som", release), Minimal("k:2", "muon", release.AddHours(1))], CancellationToken.None);
        Assert.Empty(await _store.ReleaseDueAsync(CancellationToken.None));
        var before = await _store.GetRevisionAsync(CancellationToken.None);

        _temporary.Clock.Advance(TimeSpan.FromHours(1));
        var released = await _store.ReleaseDueAsync(CancellationToken.None);

        Assert.Equal(["som"], released);
        var article = await _store.GetBySlugAsync("som", CancellationToken.None);
        Assert.Equal((null, release), (article!.EmbargoedUntil, article.Updated));
        Assert.True(await _store.GetRevisionAsync(CancellationToken.None) > before);
        Assert.Equal(release.AddHours(1), await _store.GetNextReleaseAsync(CancellationToken.None));
        Assert.Empty(await _store.ReleaseDueAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_correction_without_a_time_is_stamped_when_made_and_keeps_that_time_while_its_text_stays()
    {
        var article = Minimal("k:1", "dinh-chinh", Published);
        await UpsertAsync(article);
        _temporary.Clock.Advance(TimeSpan.FromHours(2));
        var corrected = TemporaryDatabase.Start.AddHours(2);

        await UpsertAsync(article with { Correction = new ArticleCorrection("Sửa tên xã: Cư Pui, không phải Cư Drăm.") });
        _temporary.Clock.Advance(TimeSpan.FromHours(1));
        await UpsertAsync(article with { Title = "Bài đã sửa tiêu đề", Correction = new ArticleCorrection("Sửa tên xã: Cư Pui, không phải Cư Drăm.") });

        var stored = await ReadBackAsync("dinh-chinh");
        Assert.Equal(new ArticleCorrection("Sửa tên xã: Cư Pui, không phải Cư Drăm.", corrected), stored.Correction);
        Assert.Equal("Bài đã sửa tiêu đề", stored.Title);
    }

    [DatabaseFact]
    public async Task A_correction_with_its_own_time_is_kept_as_given_and_an_edit_without_one_removes_it()
    {
        var time = new DateTimeOffset(2021, 7, 30, 2, 15, 0, TimeSpan.Zero);
        var article = Minimal("k:1", "dinh-chinh", Published);
        await UpsertAsync(article with { Correction = new ArticleCorrection("Số liệu đúng là 940 hộ.", time) });
        var withNote = await ReadBackAsync("dinh-chinh");

        await UpsertAsync(article);

        Assert.Equal(new ArticleCorrection("Số liệu đúng là 940 hộ.", time), withNote.Correction);
        Assert.Null((await ReadBackAsync("dinh-chinh")).Correction);
    }

    [Fact]
    public async Task A_withdrawal_before_the_release_is_no_news_to_the_public()
    {
        await _store.UpsertAsync([Minimal("k:1", "hen-gio", TemporaryDatabase.Start.AddHours(1))], CancellationToken.None);

        await _store.DeleteAsync("hen-gio", null, CancellationToken.None);

        Assert.Empty(await _store.GetDeletedAsync(ArticleFacet.Site, null, null, null, CancellationToken.None));
        Assert.Single(await _store.GetDeletedAsync(ArticleFacet.Site with { IncludeEmbargoed = true }, null, null, null, CancellationToken.None));
    }
}

public sealed class SqliteArticleStoreTests() : ArticleStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresArticleStoreTests(PostgresServer server) : ArticleStoreTests(new PostgresTestDatabase(server));
