using Syndication.Worker.Cli;
using Syndication.Worker.Operations;

MallocTuning.Apply();
return await CommandLine.RunAsync(args);
