using System.CommandLine;
using Syndication.Core.Ingestion.Rules;

namespace Syndication.Worker.Cli;

/// <summary>The options <c>rules add</c> and <c>rules preview</c> share; a rule that does not validate (an unknown action
/// or kind, an empty pattern, a regex that does not parse) is a usage error (exit code 5) naming the bad part.</summary>
internal sealed class RuleOptions
{
    private readonly Option<string> _action = new("--action") { Description = "drop, keep-only or tag:LABEL", Required = true };
    private readonly Option<string> _kind = new("--kind") { Description = "words, exact, phrase, regex, category or author", Required = true };
    private readonly Option<string> _pattern = new("--pattern") { Description = "What to look for (see docs/rules.md)", Required = true };
    private readonly Option<long?> _source = new("--source") { Description = "Only this source's entries (an id from 'sources list'; default: every source)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _action, _kind, _pattern, _source })
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (result.GetValue(_action) is null || result.GetValue(_kind) is null || result.GetValue(_pattern) is null)
            {
                return; // the parser reports a missing required option itself
            }
            try
            {
                CompiledRule.From(Build(result.GetValue(_action)!, result.GetValue(_kind)!, result.GetValue(_pattern)!, result.GetValue(_source)));
            }
            catch (RuleException error)
            {
                result.AddError("--" + error.Message);
            }
        });
    }

    /// <summary>The rule the options describe (already validated by the parser).</summary>
    public EditorialRule RuleOf(ParseResult parse) =>
        Build(parse.GetValue(_action)!, parse.GetValue(_kind)!, parse.GetValue(_pattern)!, parse.GetValue(_source));

    private static EditorialRule Build(string action, string kind, string pattern, long? source)
    {
        var (parsed, label) = RuleText.ParseAction(action);
        return new EditorialRule(0, source, parsed, label, RuleText.ParseKind(kind), pattern);
    }
}
