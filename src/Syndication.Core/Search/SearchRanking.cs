namespace Syndication.Core.Search;

/// <summary>
/// Orders what a search found by how well it matches, the same way whichever database found it: the engine finds
/// the candidates (every word must match, folded), this decides their order from the text itself. A match of the
/// words side by side counts more than scattered words, in the title more than in the body, and a query typed with
/// marks prefers the words spelled so ("cà phê" above "số ca … phế thải", which only matches once folded). The
/// engine's own relevance, scaled within the candidates, only breaks near-ties.
/// </summary>
public static class SearchRanking
{
    // Weights: a phrase in the title beats one in the body, which beats scattered words; the right spelling is worth
    // about as much as the phrase itself, so "cà phê" anywhere outranks "ca phe" everywhere.
    private const double TitlePhrase = 3.0;
    private const double TitlePhraseExact = 3.0;
    private const double TextPhrase = 2.0;
    private const double TextPhraseExact = 2.0;
    private const double TitleCoverage = 1.5;
    private const double ExactShare = 2.0;
    private const double Proximity = 1.0;
    private const double Engine = 1.0;

    /// <summary>How well a text matches, from 0 up (about 15 at best).</summary>
    /// <param name="query">What was looked for.</param>
    /// <param name="title">The plain-text title.</param>
    /// <param name="text">The plain text searched besides the title (lead and body, or summary and content).</param>
    /// <param name="engineShare">The engine's relevance as a share of the best candidate's (0 to 1); 0 when unknown.</param>
    public static double Score(SearchQuery query, string title, string text, double engineShare = 0) =>
        Score(query, TextWords.Of(title), TextWords.Of(text), engineShare);

    public static double Score(SearchQuery query, IReadOnlyList<TextWord> title, IReadOnlyList<TextWord> text, double engineShare)
    {
        var runs = Runs(query);
        var terms = query.Phrases.SelectMany(phrase => phrase).ToList();
        var marked = terms.Any(term => term.HasMarks);
        var score = 0.0;
        score += TitlePhrase * Has(runs, title, exact: false);
        score += TextPhrase * Has(runs, text, exact: false);
        if (marked)
        {
            score += TitlePhraseExact * Has(runs, title, exact: true);
            score += TextPhraseExact * Has(runs, text, exact: true);
            score += ExactShare * ShareSpelledAsTyped(terms, title, text);
        }
        score += TitleCoverage * Coverage(terms, title);
        score += Proximity * Closeness(terms, text);
        score += Engine * Math.Clamp(engineShare, 0, 1);
        return score;
    }

    /// <summary>Where in the text the search is best seen: the first run of its words as typed, else folded, else the
    /// first word it looks for; -1 when none is there.</summary>
    public static int BestMatch(SearchQuery query, IReadOnlyList<TextWord> text)
    {
        var runs = Runs(query);
        foreach (var exact in query.Phrases.SelectMany(phrase => phrase).Any(term => term.HasMarks) ? [true, false] : new[] { false })
        {
            foreach (var run in runs)
            {
                if (Find(run, text, exact) is var at and >= 0)
                {
                    return text[at].Start;
                }
            }
        }
        var terms = query.Phrases.SelectMany(phrase => phrase).ToList();
        foreach (var word in text)
        {
            if (terms.Any(term => term.MatchesFolded(word)))
            {
                return word.Start;
            }
        }
        return -1;
    }

    /// <summary>The runs of words expected side by side: every typed word in order, or each alternative on its own.</summary>
    private static IReadOnlyList<IReadOnlyList<SearchTerm>> Runs(SearchQuery query) =>
        query.HasAlternatives ? query.Phrases : [[.. query.Phrases.SelectMany(phrase => phrase)]];

    private static double Has(IReadOnlyList<IReadOnlyList<SearchTerm>> runs, IReadOnlyList<TextWord> words, bool exact) =>
        runs.Any(run => Find(run, words, exact) >= 0) ? 1 : 0;

    /// <summary>The index of the first word where the run starts, or -1.</summary>
    private static int Find(IReadOnlyList<SearchTerm> run, IReadOnlyList<TextWord> words, bool exact)
    {
        if (run.Count == 0)
        {
            return -1;
        }
        for (var start = 0; start + run.Count <= words.Count; start++)
        {
            var matched = true;
            for (var i = 0; i < run.Count && matched; i++)
            {
                matched = exact ? run[i].MatchesExactly(words[start + i]) : run[i].MatchesFolded(words[start + i]);
            }
            if (matched)
            {
                return start;
            }
        }
        return -1;
    }

    /// <summary>Of the words that match a marked term once folded, the share spelled as typed.</summary>
    private static double ShareSpelledAsTyped(IReadOnlyList<SearchTerm> terms, IReadOnlyList<TextWord> title, IReadOnlyList<TextWord> text)
    {
        int folded = 0, exact = 0;
        foreach (var word in title.Concat(text))
        {
            foreach (var term in terms)
            {
                if (term.HasMarks && term.MatchesFolded(word))
                {
                    folded++;
                    if (term.MatchesExactly(word))
                    {
                        exact++;
                    }
                    break;
                }
            }
        }
        return folded == 0 ? 0 : (double)exact / folded;
    }

    /// <summary>The share of the distinct terms found in the title.</summary>
    private static double Coverage(IReadOnlyList<SearchTerm> terms, IReadOnlyList<TextWord> title)
    {
        var distinct = terms.DistinctBy(term => (term.Folded, term.Prefix)).ToList();
        return distinct.Count == 0 ? 0 : (double)distinct.Count(term => title.Any(term.MatchesFolded)) / distinct.Count;
    }

    /// <summary>How close together the terms come in the text: the number of distinct terms over the length of the
    /// shortest stretch holding them all (1 when side by side, 0 when some never appears).</summary>
    private static double Closeness(IReadOnlyList<SearchTerm> terms, IReadOnlyList<TextWord> text)
    {
        var distinct = terms.DistinctBy(term => (term.Folded, term.Prefix)).ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }
        var last = new int[distinct.Count];
        Array.Fill(last, -1);
        var best = int.MaxValue;
        for (var i = 0; i < text.Count; i++)
        {
            var found = false;
            for (var t = 0; t < distinct.Count; t++)
            {
                if (distinct[t].MatchesFolded(text[i]))
                {
                    last[t] = i;
                    found = true;
                }
            }
            if (found && last.All(position => position >= 0))
            {
                best = Math.Min(best, i - last.Min() + 1);
            }
        }
        return best == int.MaxValue ? 0 : (double)distinct.Count / best;
    }
}
