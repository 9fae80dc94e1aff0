using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Syndication.Core.Articles;
using Syndication.Storage.Articles;
using Syndication.Storage.Postgres;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Search;

/// <summary>
/// The word counts relating remembers per revision are read again after the PostgreSQL server restarted: a crash can lose
/// the last commits, and the next change then takes a revision number already remembered for other contents. A server of
/// its own: stopping the shared one would break the other tests.
/// </summary>
public sealed class WordRaritiesTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private static ArticleContent Article(string slug, string title) => new()
    {
        SourceKey = "fixture:" + slug,
        Slug = slug,
        Title = title,
        Lead = "Tin từ Đắk Lắk.",
        BodyHtml = "<p>Nông dân thu hoạch cà phê.</p>",
        Section = new Section("kinh-te", "Kinh tế"),
        Published = TestDatabase.Start.AddDays(-1),
    };

    [DatabaseFact]
    public async Task Counts_remembered_at_a_revision_are_read_again_when_the_server_restarted_with_that_number_for_other_contents()
    {
        var connectionString = await _server.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(TestDatabase.Start);
        await using var database = new PostgresDatabase(connectionString);
        await new Migrator(database, clock).MigrateAsync(CancellationToken.None);
        var articles = new ArticleStore(database, clock);
        await articles.UpsertAsync([Article("mot", "Sầu riêng được mùa")], CancellationToken.None);
        var rarities = new WordRarities(database);
        async Task<double> RarityAsync(Database through)
        {
            await using var connection = await through.OpenAsync(CancellationToken.None);
            return (await rarities.GetAsync(connection, ["sau", "rieng"]))("rieng");
        }
        var before = await RarityAsync(database);

        // A second article using the word, stored with the revision number put back: as if the first article's revision
        // were the one a lost commit had taken and this change took it again.
        long revision;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            revision = await connection.ExecuteScalarAsync<long>("SELECT revision FROM archive_state WHERE id = 1");
        }
        await articles.UpsertAsync([Article("hai", "Giá sầu riêng giảm")], CancellationToken.None);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync("UPDATE archive_state SET revision = @Revision WHERE id = 1", new { Revision = revision });
            // Kept through the stop (the test server acknowledges commits before writing them).
            await connection.ExecuteAsync("CHECKPOINT", commandType: System.Data.CommandType.Text);
        }
        // Same server run, same number: the remembered count stands (the cache is in use).
        Assert.Equal(before, await RarityAsync(database));

        await _server.KillAsync();
        await _server.StartServerAsync();
        // The pooled connections died with the server: the same store, reached over new ones.
        await using var restarted = new PostgresDatabase(connectionString);

        Assert.NotEqual(before, await RarityAsync(restarted));
    }
}
