using Syndication.Worker.Cli;

return await CommandLine.RunAsync(args);
