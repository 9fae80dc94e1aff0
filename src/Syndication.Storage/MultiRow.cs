using Dapper;

namespace Syndication.Storage;

/// <summary>
/// Many rows in one statement on either engine: a VALUES list of one parenthesised row template per row, with its
/// parameters, in chunks that stay well below both engines' parameter limits (SQLite 32,766, PostgreSQL 65,535) and as small as
/// the engine binds fastest.
/// On PostgreSQL every statement is a round trip to the server, so a poll's fifty entries go in one, not fifty.
/// </summary>
internal static class MultiRow
{
    /// <summary>
    /// The VALUES lists and parameters for <paramref name="rows"/>: <paramref name="template"/> is one row with
    /// <c>{0}</c>, <c>{1}</c>… where its values go (e.g. <c>(@{0}, CAST(@{1} AS tsvector))</c>), and
    /// <paramref name="values"/> gives a row's values in that order. The SQL is built from the template and parameter
    /// names only; the values are parameters. A statement carries at most <paramref name="maxParameters"/> parameters
    /// (<see cref="Database.ParametersPerStatement"/>).
    /// </summary>
    public static IEnumerable<(string Values, DynamicParameters Parameters)> Chunks<T>(
        IReadOnlyCollection<T> rows, string template, Func<T, object?[]> values, int maxParameters)
    {
        var chunk = new List<string>();
        var parameters = new DynamicParameters();
        var count = 0;
        var row = 0;
        foreach (var item in rows)
        {
            var fields = values(item);
            if (count > 0 && count + fields.Length > maxParameters)
            {
                yield return (string.Join(",\n", chunk), parameters);
                chunk = [];
                parameters = new DynamicParameters();
                count = 0;
            }
            var names = new object[fields.Length];
            for (var field = 0; field < fields.Length; field++)
            {
                var name = $"r{row}_{field}";
                parameters.Add(name, fields[field]);
                names[field] = name;
            }
            chunk.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, names));
            count += fields.Length;
            row++;
        }
        if (count > 0)
        {
            yield return (string.Join(",\n", chunk), parameters);
        }
    }
}
