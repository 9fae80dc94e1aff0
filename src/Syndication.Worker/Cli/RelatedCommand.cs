using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Syndication.Storage.Search;
using Syndication.Worker.Search;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication related SLUG</c>: an article's related coverage, explained — the terms looked for, and each entry's score.</summary>
internal static class RelatedCommand
{
    public static Command Create()
    {
        var slug = new Argument<string>("SLUG") { Description = "The article's slug (its URL's last part)" };
        var all = new Option<bool>("--all") { Description = "Also list the entries scored below the threshold" };
        var command = new Command("related", "Explain an article's related coverage: its distinctive terms, and each matching entry's score and matched terms") { slug, all };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var options = host.Services.GetRequiredService<IOptions<SearchOptions>>().Value;
            var explanation = await host.Services.GetRequiredService<CoverageStore>().ExplainAsync(parse.GetValue(slug)!, options.Relation, cancellationToken);
            if (explanation is null)
            {
                await Console.Error.WriteLineAsync($"error: there is no article '{parse.GetValue(slug)}'");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine($"{explanation.ArticleTitle} ({explanation.ArticleSlug}, {explanation.Published.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
            Console.WriteLine("Terms: " + string.Join(", ", explanation.Terms.Select(term => string.Create(CultureInfo.InvariantCulture, $"{term.Term} ({term.Weight:0.00})"))));
            var shown = explanation.Candidates.Where(candidate => candidate.Kept || parse.GetValue(all)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{explanation.Candidates.Count(c => c.Kept)} related (threshold {options.RelatedThreshold:0.##}, at most {options.RelatedPerArticle}); {explanation.Candidates.Count} scored"));
            Console.Write(TextTable.Format(
                ["KEPT", "SCORE", "RELEVANCE", "RECENCY", "DATE", "SOURCE", "TITLE", "MATCHED TERMS"],
                shown.Select(candidate => (IReadOnlyList<string>)
                [
                    candidate.Kept ? "yes" : "no",
                    candidate.Score.ToString("0.00", CultureInfo.InvariantCulture),
                    candidate.Relevance.ToString("0.00", CultureInfo.InvariantCulture),
                    candidate.Recency.ToString("0.00", CultureInfo.InvariantCulture),
                    candidate.Date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    candidate.SourceTitle ?? "-",
                    candidate.Title ?? candidate.Link ?? "-",
                    string.Join(", ", candidate.MatchedTerms),
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }
}
