using Microsoft.Extensions.Logging.Console;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Cli;

/// <summary>The services of a one-shot CLI verb: same configuration as the service, no HTTP, quieter logs.</summary>
internal static class ConsoleHost
{
    public static IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // A verb prints its own result; only warnings and errors are logged, on standard error so output stays clean.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        LogFormat.Apply(builder.Logging, builder.Configuration, toStandardError: true);
        builder.Services.AddSyndication(builder.Configuration);
        builder.Services.AddSingleton<ArchiveStartup>();
        return builder.Build();
    }

    /// <summary>Builds the services and migrates the database, as every verb that touches the store needs.</summary>
    public static async Task<IHost> StartAsync(CancellationToken cancellationToken)
    {
        var host = Build();
        await host.Services.GetRequiredService<ArchiveStartup>().RunAsync(serving: false, cancellationToken);
        return host;
    }
}
