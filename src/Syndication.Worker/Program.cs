using Syndication.Worker.Cli;
using Syndication.Worker.Operations;

MallocArenas.Limit();
return await CommandLine.RunAsync(args);
