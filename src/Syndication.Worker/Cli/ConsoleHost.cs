using Microsoft.Extensions.Logging.Console;
using Syndication.Storage;
using Syndication.Worker.Configuration;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Cli;

/// <summary>The services of a one-shot CLI verb: same configuration as the service, no HTTP, quieter logs.</summary>
internal static class ConsoleHost
{
    /// <summary>Settings given on the command line (<c>--Section:Key value</c>), for every verb's host.</summary>
    public static IReadOnlyList<string> ConfigurationArgs { get; set; } = [];

    /// <summary>The database file of the verb running in this process, to name it when it fails.</summary>
    public static string? DatabasePath { get; private set; }

    /// <summary>Builds the services with every setting checked: a bad one throws <see cref="InvalidConfigurationException"/>.</summary>
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [.. ConfigurationArgs],
        });
        ConfigurationCheck.ThrowIfUnreadable(builder.Configuration);
        // A verb prints its own result; only warnings and errors are logged, on standard error so output stays clean.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        LogFormat.Apply(builder.Logging, builder.Configuration, toStandardError: true);
        builder.Services.AddSyndication(builder.Configuration);
        builder.Services.AddSingleton<ArchiveStartup>();
        var host = builder.Build();
        ConfigurationCheck.ThrowIfInvalid(builder.Services, host.Services);
        DatabasePath = host.Services.GetRequiredService<Database>().Description;
        return host;
    }

    /// <summary>Builds the services and readies the store, as every verb that touches it needs.</summary>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="createDatabase">Create the database when there is none (import, generate); other verbs stop with
    /// <see cref="DatabaseMissingException"/> instead of working on an empty archive made by mistake.</param>
    public static async Task<IHost> StartAsync(CancellationToken cancellationToken, bool createDatabase = false)
    {
        var host = Build();
        await ReadyAsync(host, createDatabase, cancellationToken);
        return host;
    }

    /// <summary>Checks the database is there (unless it may be created) and migrates it.</summary>
    public static async Task ReadyAsync(IHost host, bool createDatabase, CancellationToken cancellationToken)
    {
        // A SQLite file is created by opening it; a PostgreSQL database is made by its server's administrator.
        if (!createDatabase && host.Services.GetRequiredService<Database>() is SqliteDatabase database && !File.Exists(database.Path))
        {
            throw new DatabaseMissingException(database.Path);
        }
        await host.Services.GetRequiredService<ArchiveStartup>().RunAsync(serving: false, cancellationToken);
    }
}
