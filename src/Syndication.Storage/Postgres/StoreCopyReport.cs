using Syndication.Storage.Search;

namespace Syndication.Storage.Postgres;

/// <summary>What <see cref="StoreCopy"/> copied: each table with its rows (checked against the file), and the search index it built.</summary>
public sealed record StoreCopyReport(IReadOnlyList<(string Table, long Rows)> Tables, ReindexReport Indexed);
