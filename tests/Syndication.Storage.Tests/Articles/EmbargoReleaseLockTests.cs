using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Core.Articles;
using Syndication.Storage.Articles;

namespace Syndication.Storage.Tests.Articles;

/// <summary>The embargo check every start and every minute makes, beside a writer that holds the SQLite file's lock.</summary>
public sealed class EmbargoReleaseLockTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Release_with_nothing_due_does_not_wait_for_another_writer()
    {
        var release = TemporaryDatabase.Start.AddHours(1);
        await new ArticleStore(_temporary.Database, _temporary.Clock).UpsertAsync([new ArticleContent
        {
            SourceKey = "k:1",
            Slug = "sau",
            Title = "Bài sau",
            BodyHtml = "<p>Nội dung.</p>",
            Section = new Section("chinh-tri", "Chính trị"),
            Published = release,
        }], CancellationToken.None);
        // A store whose writes give up on a held lock at once, as they would after their busy timeout.
        var hasty = new ArticleStore(new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromMilliseconds(1)), _temporary.Clock);
        await using var writer = new SqliteConnection($"Data Source={_temporary.Database.Path};Pooling=False");
        await writer.OpenAsync();
        await writer.ExecuteAsync("BEGIN IMMEDIATE");

        // Another writer holds the lock (a crawling service's write turn): nothing is due, so nothing waits for it.
        Assert.Empty(await hasty.ReleaseDueAsync(CancellationToken.None));

        await writer.ExecuteAsync("ROLLBACK");
        _temporary.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(["sau"], await hasty.ReleaseDueAsync(CancellationToken.None));
    }
}
