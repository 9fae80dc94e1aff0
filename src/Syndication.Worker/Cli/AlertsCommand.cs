using System.CommandLine;
using System.Globalization;
using Syndication.Core.Alerts;
using Syndication.Storage.Alerts;
using Syndication.Worker.Alerts;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication alerts add|list|remove|deliveries</c>: webhooks told of new stories, coverage and failing or silent sources.</summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "Webhooks told of matching stories, coverage of our articles, failing or silent sources (see docs/alerts.md)");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Deliveries());
        return command;
    }

    private static Command Add()
    {
        var url = new Argument<string>("URL") { Description = "Where deliveries are POSTed (http or https)" };
        var events = new Option<string[]>("--event")
        {
            Description = $"An event to send, repeatable: {string.Join(", ", AlertEvents.All)}",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var words = new Option<string>("--words") { Description = $"For {AlertEvents.StoryMatched}: the words a new story must all contain (diacritics and case ignored)" };
        var failures = new Option<int>("--failures")
        {
            Description = $"For {AlertEvents.SourceFailing}: after how many failed polls in a row",
            DefaultValueFactory = _ => WebhookRegistry.DefaultFailures,
        }.Between(WebhookRegistry.MinFailures, WebhookRegistry.MaxFailures);
        var secret = new Option<string>("--secret") { Description = "The signing secret (16+ characters); one is made and printed when not given" };
        var command = new Command("add", "Register a webhook") { url, events, words, failures, secret };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var given = parse.GetValue(secret);
            var names = parse.GetValue(events)!.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
            var (webhook, error) = await host.Services.GetRequiredService<WebhookRegistry>().AddAsync(
                parse.GetValue(url)!, names, parse.GetValue(words), parse.GetValue(failures), given, cancellationToken);
            if (webhook is null)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Webhook {webhook.Id}: {webhook.Url.AbsoluteUri} for {string.Join(", ", webhook.Events)}"));
            if (given is null)
            {
                Console.WriteLine($"Secret: {webhook.Secret}");
                Console.WriteLine("Keep it: deliveries are signed with it, and it is not shown again.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the webhooks (never their secrets)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var webhooks = await host.Services.GetRequiredService<AlertStore>().ListWebhooksAsync(cancellationToken);
            Console.Write(TextTable.Format(
                ["ID", "URL", "EVENTS", "WORDS", "FAILURES", "CREATED"],
                webhooks.Select(webhook => (IReadOnlyList<string>)
                [
                    webhook.Id.ToString(CultureInfo.InvariantCulture),
                    webhook.Url.AbsoluteUri,
                    string.Join(",", webhook.Events),
                    webhook.Words ?? "",
                    webhook.Failures.ToString(CultureInfo.InvariantCulture),
                    Time(webhook.Created),
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<long>("ID") { Description = "The webhook's id (see 'alerts list')" };
        var command = new Command("remove", "Delete a webhook with its deliveries") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<AlertStore>().RemoveWebhookAsync(parse.GetValue(id), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: there is no webhook {parse.GetValue(id)}");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine($"Webhook {parse.GetValue(id)} removed");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Deliveries()
    {
        var failed = new Option<bool>("--failed") { Description = "Only deliveries that failed for good or whose last attempt failed" };
        var limit = new Option<int>("--limit") { Description = "How many of the newest to show", DefaultValueFactory = _ => 50 }.Between(1, 10_000);
        var command = new Command("deliveries", "List the newest deliveries with their state and last outcome") { failed, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var deliveries = await host.Services.GetRequiredService<AlertStore>().ListDeliveriesAsync(parse.GetValue(failed), parse.GetValue(limit), cancellationToken);
            Console.Write(TextTable.Format(
                ["ID", "WEBHOOK", "EVENT", "STATE", "ATTEMPTS", "LAST", "CREATED", "NEXT", "KEY"],
                deliveries.Select(delivery => (IReadOnlyList<string>)
                [
                    delivery.Id.ToString(CultureInfo.InvariantCulture),
                    delivery.WebhookId.ToString(CultureInfo.InvariantCulture),
                    delivery.Event,
                    delivery.State,
                    delivery.Attempts.ToString(CultureInfo.InvariantCulture),
                    delivery.LastError ?? delivery.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Time(delivery.Created),
                    delivery.NextAttempt is { } next ? Time(next) : "",
                    delivery.EventKey,
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
