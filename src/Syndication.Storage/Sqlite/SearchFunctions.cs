using Microsoft.Data.Sqlite;
using Syndication.Core.Search;

namespace Syndication.Storage.Sqlite;

/// <summary>The SQL functions the search index's triggers call; every connection of <see cref="SqliteDatabase"/> has them.</summary>
/// <remarks>
/// The index is kept by triggers on articles and entries, so it follows every write whichever code path makes it
/// (a store, a hard delete, a retention sweep). The triggers call search_text(), which is <see cref="SearchText.FromHtml"/>:
/// the same C# folding that queries go through, which SQL alone cannot do (HTML to text, đ to d). The price: a
/// connection without the function (the sqlite3 shell) cannot write articles or entries; its write fails with
/// "no such function: search_text" and rolls back, so the index is never left behind.
/// </remarks>
internal static class SearchFunctions
{
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string>("search_text", SearchText.FromHtml, isDeterministic: true);
}
