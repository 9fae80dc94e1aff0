using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Syndication.Benchmarks -- --filter '*'
// Results go beside the binaries (bin/ is ignored by git), not into whatever folder the command ran from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Syndication.Benchmarks.FeedParsingBenchmarks).Assembly).Run(args, config);
