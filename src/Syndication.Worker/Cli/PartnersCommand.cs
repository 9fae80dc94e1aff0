using System.CommandLine;
using System.Globalization;
using Syndication.Storage.Partners;
using Syndication.Worker.Partners;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication partners add|list|revoke|usage</c>: partner keys and what they pulled.</summary>
internal static class PartnersCommand
{
    public static Command Create()
    {
        var command = new Command("partners", "Manage partner keys (full-text feeds, admin API) and see their usage");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(Usage());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "Who the key is for (unique)" };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "What the key reaches, repeatable: feeds (default), section:SLUG, author:SLUG, tag:SLUG, related, admin",
            AllowMultipleArgumentsPerToken = true,
        };
        var rate = new Option<int?>("--rate") { Description = "Requests per minute (default: Syndication:Partners:RequestsPerMinute)" }.Between(1, 1_000_000);
        var command = new Command("add", "Create a partner and print its key — shown once, only its hash is kept") { name, scopes, rate };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var (partner, key, error) = await host.Services.GetRequiredService<PartnerRegistry>().AddAsync(
                parse.GetValue(name)!, parse.GetValue(scopes) ?? [], parse.GetValue(rate), cancellationToken);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine(key!.ToString());
            await Console.Error.WriteLineAsync(
                $"Partner {partner!.Id} '{partner.Name}' ({string.Join(' ', partner.Scopes)}, {partner.RequestsPerMinute}/min). " +
                "The key above is shown only this once: give it to the partner now.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List partners with their scopes, rate and state (never their keys)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var partners = await host.Services.GetRequiredService<PartnerStore>().ListAsync(cancellationToken);
            Console.Write(TextTable.Format(
                ["ID", "NAME", "STATE", "SCOPES", "RATE/MIN", "KEY ID", "CREATED"],
                partners.Select(partner => (IReadOnlyList<string>)
                [
                    partner.Id.ToString(CultureInfo.InvariantCulture),
                    partner.Name,
                    partner.IsActive ? "active" : "revoked " + Day(partner.Revoked!.Value),
                    string.Join(' ', partner.Scopes),
                    partner.RequestsPerMinute.ToString(CultureInfo.InvariantCulture),
                    partner.KeyId,
                    Day(partner.Created),
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Revoke()
    {
        var partner = new Argument<string>("PARTNER") { Description = "The partner's id or name" };
        var command = new Command("revoke", "Revoke a partner's key: it stops working on the next request") { partner };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            if (!await host.Services.GetRequiredService<PartnerStore>().RevokeAsync(parse.GetValue(partner)!, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: there is no active partner '{parse.GetValue(partner)}'");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine($"Partner '{parse.GetValue(partner)}' revoked");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Usage()
    {
        var days = new Option<int>("--days") { Description = "How many days back, today included", DefaultValueFactory = _ => 7 }.Between(1, 3650);
        var command = new Command("usage", "Requests and bytes per partner per day (UTC); the service writes its counts every few seconds") { days };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var today = DateOnly.FromDateTime(host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var usage = await host.Services.GetRequiredService<PartnerStore>().GetUsageAsync(today.AddDays(1 - parse.GetValue(days)), cancellationToken);
            Console.Write(TextTable.Format(
                ["DAY", "PARTNER", "REQUESTS", "304", "429", "BYTES"],
                usage.Select(row => (IReadOnlyList<string>)
                [
                    row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    row.PartnerName,
                    row.Requests.ToString(CultureInfo.InvariantCulture),
                    row.NotModified.ToString(CultureInfo.InvariantCulture),
                    row.Throttled.ToString(CultureInfo.InvariantCulture),
                    row.Bytes.ToString(CultureInfo.InvariantCulture),
                ])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
