using Microsoft.Extensions.Logging.Console;

namespace Syndication.Worker.Hosting;

/// <summary>Syndication:LogFormat "json" writes one JSON object per log line (template, properties, scopes) for log shippers.</summary>
internal static class LogFormat
{
    public static void Apply(ILoggingBuilder logging, IConfiguration configuration, bool toStandardError)
    {
        var json = string.Equals(configuration["Syndication:LogFormat"], "json", StringComparison.OrdinalIgnoreCase);
        logging.ClearProviders();
        if (json)
        {
            logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                // The JSON formatter writes the timestamp as the whole "Timestamp" value: no separator after it.
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            logging.AddConsole();
        }
        if (toStandardError)
        {
            logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }
}
