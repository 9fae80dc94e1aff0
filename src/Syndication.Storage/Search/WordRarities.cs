using System.Data.Common;
using Dapper;
using Syndication.Core.Search;

namespace Syndication.Storage.Search;

/// <summary>
/// How many articles use each word, remembered until the archive changes: the index counts a word's documents by
/// walking its whole posting list, which for the common words of a 100,000-article archive costs far more than the
/// rest of relating an article.
/// </summary>
/// <remarks>
/// On PostgreSQL the revision is read with the server's start time: a server that comes back from a crash (or a failover
/// to a standby) may have lost the last commits, and the next change then takes a revision number already seen here for
/// other contents. A new start time clears what was remembered.
/// </remarks>
internal sealed class WordRarities(Database database)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _documents = new(StringComparer.Ordinal);
    private (long Number, string Server) _revision = (-1, "");
    private long _total;

    /// <summary>The rarity of each word of <paramref name="words"/> among the articles, as of the archive's current revision.</summary>
    public async Task<Func<string, double>> GetAsync(DbConnection connection, IReadOnlyCollection<string> words)
    {
        var revision = await connection.QuerySingleAsync<(long, string)>($"SELECT revision, {database.ServerRun} FROM archive_state WHERE id = 1");
        List<string> missing;
        lock (_gate)
        {
            if (revision != _revision)
            {
                _documents.Clear();
                _total = -1;
                _revision = revision;
            }
            missing = [.. words.Where(word => !_documents.ContainsKey(word))];
        }
        var total = _total >= 0 ? _total : await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM articles");
        var found = missing.Count == 0
            ? new Dictionary<string, long>()
            : await database.Search.ArticleDocumentsAsync(connection, missing);
        Dictionary<string, long> snapshot;
        lock (_gate)
        {
            if (revision == _revision)
            {
                _total = total;
                foreach (var word in missing)
                {
                    _documents[word] = found.GetValueOrDefault(word);
                }
            }
            snapshot = new Dictionary<string, long>(words.Count, StringComparer.Ordinal);
            foreach (var word in words)
            {
                snapshot[word] = _documents.TryGetValue(word, out var count) ? count : found.GetValueOrDefault(word);
            }
        }
        return word => RelatedTerms.Rarity(snapshot.GetValueOrDefault(word), Math.Max(total, 1));
    }
}
