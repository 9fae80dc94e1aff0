using System.CommandLine;
using System.Globalization;
using Syndication.Core.Ingestion.Rules;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Worker.Ingestion.Rules;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication rules add|list|remove|preview|apply</c>: editorial rules that drop, keep only or tag ingested entries.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Editorial rules: drop, keep only or tag ingested entries (see docs/rules.md)");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Preview());
        command.Subcommands.Add(Apply());
        return command;
    }

    private static Command Add()
    {
        var command = new Command("add", "Save a rule; every later poll goes through it");
        var options = new RuleOptions();
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rule = options.RuleOf(parse);
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (await UnknownSourceAsync(host, rule, cancellationToken))
            {
                return ExitCodes.BadArguments;
            }
            var stored = await host.Services.GetRequiredService<RuleStore>().AddAsync(rule, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rule {stored.Rule.Id}: {Describe(stored.Rule)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the rules with how many entries each has matched");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var rules = await host.Services.GetRequiredService<RuleStore>().ListAsync(cancellationToken);
            Console.Write(TextTable.Format(
                ["ID", "SOURCE", "ACTION", "KIND", "MATCHED", "CREATED", "PATTERN"],
                rules.Select(stored => (IReadOnlyList<string>)
                [
                    stored.Rule.Id.ToString(CultureInfo.InvariantCulture),
                    stored.Rule.SourceId?.ToString(CultureInfo.InvariantCulture) ?? "all",
                    stored.Rule.ActionText,
                    stored.Rule.KindText,
                    stored.MatchedCount.ToString(CultureInfo.InvariantCulture),
                    stored.Created.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
                    stored.Rule.Pattern,
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("ID") { Description = "The rule's id (see 'rules list')" };
        var command = new Command("remove", "Delete a rule; entries it dropped stay dropped") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<RuleStore>().RemoveAsync(parse.GetValue(id), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: there is no rule {parse.GetValue(id)}");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine($"Rule {parse.GetValue(id)} removed");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Preview()
    {
        var last = new Option<int>("--last")
        {
            Description = "How many of the newest stored entries to try it on",
            DefaultValueFactory = _ => StoredEntryRules.DefaultPreviewCount,
        }.Between(1, 100_000);
        var command = new Command("preview", "Try a rule on the newest stored entries without saving it or changing anything") { last };
        var options = new RuleOptions();
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rule = options.RuleOf(parse);
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (await UnknownSourceAsync(host, rule, cancellationToken))
            {
                return ExitCodes.BadArguments;
            }
            var preview = await host.Services.GetRequiredService<StoredEntryRules>().PreviewAsync(rule, parse.GetValue(last), cancellationToken);
            var verb = rule.Action == RuleAction.Tag ? $"tag as '{rule.Label}'" : "drop";
            Console.WriteLine($"would {verb} {preview.Affected} of {preview.Examined}");
            foreach (var title in preview.Examples)
            {
                Console.WriteLine("  " + title);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Apply()
    {
        var id = new Argument<long>("ID") { Description = "A saved drop rule's id (see 'rules list')" };
        var command = new Command("apply", "Delete the stored entries a saved drop rule matches") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (await host.Services.GetRequiredService<RuleStore>().GetAsync(parse.GetValue(id), cancellationToken) is not { } stored)
            {
                await Console.Error.WriteLineAsync($"error: there is no rule {parse.GetValue(id)}");
                return ExitCodes.BadArguments;
            }
            if (stored.Rule.Action != RuleAction.Drop)
            {
                await Console.Error.WriteLineAsync($"error: rule {stored.Rule.Id} is {stored.Rule.ActionText}; only drop rules are applied to stored entries");
                return ExitCodes.BadArguments;
            }
            var deleted = await host.Services.GetRequiredService<StoredEntryRules>().ApplyAsync(stored, cancellationToken);
            Console.WriteLine($"Rule {stored.Rule.Id} deleted {deleted} stored entries");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<bool> UnknownSourceAsync(IHost host, EditorialRule rule, CancellationToken cancellationToken)
    {
        if (rule.SourceId is not { } sourceId || await host.Services.GetRequiredService<SourceStore>().GetAsync(sourceId, cancellationToken) is not null)
        {
            return false;
        }
        await Console.Error.WriteLineAsync($"error: there is no source {sourceId}");
        return true;
    }

    private static string Describe(EditorialRule rule) =>
        $"{rule.ActionText} {rule.KindText} '{rule.Pattern}' for {(rule.SourceId is { } source ? $"source {source}" : "every source")}";
}
