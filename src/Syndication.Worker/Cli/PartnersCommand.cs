using System.CommandLine;
using System.Globalization;
using Syndication.Storage.Partners;
using Syndication.Worker.Partners;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication partners add|set|list|revoke|usage</c>: partner keys, their profiles, and what they pulled.</summary>
internal static class PartnersCommand
{
    public static Command Create()
    {
        var command = new Command("partners", "Manage partner keys (full-text feeds, admin API) and see their usage");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Set());
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
        var profile = new PartnerProfileOptions();
        profile.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (chosen, field, problem) = profile.EditOf(parse).ApplyTo(Core.Publishing.PartnerProfile.Default);
            if (chosen is null)
            {
                await Console.Error.WriteLineAsync($"error: {OptionOf(field)}: {problem}");
                return ExitCodes.BadArguments;
            }
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var (partner, key, error) = await host.Services.GetRequiredService<PartnerRegistry>().AddAsync(
                parse.GetValue(name)!, parse.GetValue(scopes) ?? [], parse.GetValue(rate), chosen, cancellationToken);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync($"error: {error}");
                return ExitCodes.BadArguments;
            }
            Console.WriteLine(key!.ToString());
            await Console.Error.WriteLineAsync(
                $"Partner {partner!.Id} '{partner.Name}' ({string.Join(' ', partner.Scopes)}, {partner.RequestsPerMinute}/min; {Describe(partner.Profile)}). " +
                "The key above is shown only this once: give it to the partner now.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Set()
    {
        var partner = new Argument<string>("PARTNER") { Description = "The partner's id or name" };
        var command = new Command("set", "Change what a partner's feeds carry (its profile); what no option names stays as it is") { partner };
        var profile = new PartnerProfileOptions();
        profile.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!profile.AnyGiven(parse))
            {
                await Console.Error.WriteLineAsync("error: nothing to change: give --content, --images/--no-images, --media/--no-media, --section/--all-sections or --attribution");
                return ExitCodes.Usage;
            }
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var store = host.Services.GetRequiredService<PartnerStore>();
            if (await store.FindAsync(parse.GetValue(partner)!, cancellationToken) is not { } current)
            {
                await Console.Error.WriteLineAsync($"error: there is no partner '{parse.GetValue(partner)}'");
                return ExitCodes.BadArguments;
            }
            var (changed, field, problem) = profile.EditOf(parse).ApplyTo(current.Profile);
            if (changed is null)
            {
                await Console.Error.WriteLineAsync($"error: {OptionOf(field)}: {problem}");
                return ExitCodes.BadArguments;
            }
            var saved = await store.SetProfileAsync(current.Id.ToString(CultureInfo.InvariantCulture), changed, cancellationToken);
            Console.WriteLine($"Partner {saved!.Id} '{saved.Name}': {Describe(saved.Profile)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string OptionOf(string? field) => field switch
    {
        "sections" => "--section",
        null or "" => "profile",
        _ => "--" + field,
    };

    /// <summary>A profile in one line, as <c>list</c> and <c>set</c> show it.</summary>
    private static string Describe(Core.Publishing.PartnerProfile profile) =>
        $"{profile.Content}, {(profile.Images ? "images" : "no images")}, {(profile.Media ? "media" : "no media")}, " +
        $"{(profile.Sections is null ? "all sections" : "sections " + string.Join(' ', profile.Sections))}" +
        (profile.Attribution is null ? "" : $", attribution \"{profile.Attribution}\"");

    private static Command List()
    {
        var command = new Command("list", "List partners with their scopes, rate and state (never their keys)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var partners = await host.Services.GetRequiredService<PartnerStore>().ListAsync(cancellationToken);
            Console.Write(TextTable.Format(
                ["ID", "NAME", "STATE", "SCOPES", "RATE/MIN", "KEY ID", "CREATED", "PROFILE"],
                partners.Select(partner => (IReadOnlyList<string>)
                [
                    partner.Id.ToString(CultureInfo.InvariantCulture),
                    partner.Name,
                    partner.IsActive ? "active" : "revoked " + Day(partner.Revoked!.Value),
                    string.Join(' ', partner.Scopes),
                    partner.RequestsPerMinute.ToString(CultureInfo.InvariantCulture),
                    partner.KeyId,
                    Day(partner.Created),
                    Describe(partner.Profile),
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
