namespace Syndication.Core.Ingestion.Parsing;

/// <summary>
/// Reads HTTP <c>Link</c> header values (RFC 8288: <c>&lt;URI&gt;; rel="hub self"; title="…", &lt;URI&gt;; rel=next</c>), as
/// WebSub discovery uses them. Lenient: a link that cannot be read is skipped up to the next comma, never an error.
/// </summary>
public static class LinkHeader
{
    /// <summary>Every readable link of <paramref name="values"/> (one string per header field), in order.</summary>
    public static IReadOnlyList<HeaderLink> Parse(IEnumerable<string>? values)
    {
        var links = new List<HeaderLink>();
        foreach (var value in values ?? [])
        {
            var reader = new Reader(value ?? "");
            while (reader.NextLink() is { } link)
            {
                links.Add(link);
            }
        }
        return links;
    }

    /// <summary>The target of the first link of <paramref name="values"/> with relation <paramref name="relation"/>; null when none has it.</summary>
    public static string? First(IEnumerable<string>? values, string relation) =>
        Parse(values).FirstOrDefault(link => link.Relations.Contains(relation, StringComparer.OrdinalIgnoreCase))?.Target;

    private ref struct Reader(string text)
    {
        private readonly string _text = text;
        private int _at;

        public HeaderLink? NextLink()
        {
            while (true)
            {
                SkipWhile(c => c is ',' || IsSpace(c));
                if (_at >= _text.Length)
                {
                    return null;
                }
                if (_text[_at] != '<')
                {
                    SkipPast(',');
                    continue;
                }
                var close = _text.IndexOf('>', _at + 1);
                if (close < 0)
                {
                    return null;
                }
                var target = _text[(_at + 1)..close].Trim();
                _at = close + 1;
                var relations = Parameters();
                if (target.Length > 0)
                {
                    return new HeaderLink(target, relations ?? []);
                }
            }
        }

        // The link's parameters up to the comma that ends it; returns the first rel's relations (later rels are ignored, as RFC 8288 says).
        private string[]? Parameters()
        {
            string[]? relations = null;
            while (true)
            {
                SkipWhile(IsSpace);
                if (_at >= _text.Length)
                {
                    return relations;
                }
                var c = _text[_at];
                if (c == ',')
                {
                    _at++;
                    return relations;
                }
                if (c != ';')
                {
                    // Garbage between parameters: skip to the next parameter or link.
                    SkipUntil(ch => ch is ';' or ',');
                    continue;
                }
                _at++;
                SkipWhile(IsSpace);
                var nameStart = _at;
                SkipUntil(ch => ch is '=' or ';' or ',' || IsSpace(ch));
                var name = _text[nameStart.._at];
                SkipWhile(IsSpace);
                string? value = null;
                if (_at < _text.Length && _text[_at] == '=')
                {
                    _at++;
                    SkipWhile(IsSpace);
                    value = _at < _text.Length && _text[_at] == '"' ? Quoted() : Token();
                }
                if (relations is null && value is not null && name.Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    relations = [.. value.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(relation => relation.ToLowerInvariant())];
                }
            }
        }

        private string Quoted()
        {
            var value = new System.Text.StringBuilder();
            _at++;
            while (_at < _text.Length && _text[_at] != '"')
            {
                if (_text[_at] == '\\' && _at + 1 < _text.Length)
                {
                    _at++;
                }
                value.Append(_text[_at++]);
            }
            _at = Math.Min(_at + 1, _text.Length);
            return value.ToString();
        }

        private string Token()
        {
            var start = _at;
            SkipUntil(c => c is ';' or ',' || IsSpace(c));
            return _text[start.._at];
        }

        // Skips to just after the next unquoted occurrence of stop (or to the end).
        private void SkipPast(char stop)
        {
            SkipUntil(c => c == stop);
            _at = Math.Min(_at + 1, _text.Length);
        }

        private void SkipUntil(Func<char, bool> stop)
        {
            while (_at < _text.Length && !stop(_text[_at]))
            {
                if (_text[_at] == '"')
                {
                    Quoted();
                    continue;
                }
                _at++;
            }
        }

        private void SkipWhile(Func<char, bool> skip)
        {
            while (_at < _text.Length && skip(_text[_at]))
            {
                _at++;
            }
        }

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';
    }
}
