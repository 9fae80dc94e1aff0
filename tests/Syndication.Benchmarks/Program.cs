using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Syndication.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/Syndication.Benchmarks -- ratio [ITEMS...]   (interleaved parse/scan ratio)
if (args is ["ratio", .. var counts])
{
    var items = counts.Length == 0 ? [50, 2000] : counts.Select(count => int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    Syndication.Benchmarks.ParseRatio.Run(items, rounds: 41);
    return;
}
// dotnet run -c Release --project tests/Syndication.Benchmarks -- relate-after-import [ARTICLES [YEARS_BACK]]
if (args is ["relate-after-import", .. var sizes])
{
    int Size(int index, int otherwise) => sizes.Length > index ? int.Parse(sizes[index], System.Globalization.CultureInfo.InvariantCulture) : otherwise;
    await Syndication.Benchmarks.RelateAfterImport.RunAsync(Size(0, 8000), Size(1, 6));
    return;
}
if (args is ["rank-probe", .. var sqls])
{
    await Syndication.Benchmarks.RankProbe.RunAsync(sqls);
    return;
}
// Results go beside the binaries (bin/ is ignored by git), not into whatever folder the command ran from.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(Syndication.Benchmarks.FeedParsingBenchmarks).Assembly).Run(args, config);
