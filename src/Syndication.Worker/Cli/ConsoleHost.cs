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
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSyndication(builder.Configuration);
        builder.Services.AddSingleton<ArchiveStartup>();
        return builder.Build();
    }
}
