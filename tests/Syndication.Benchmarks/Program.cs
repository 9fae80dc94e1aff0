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
// dotnet run -c Release --project tests/Syndication.Benchmarks -- story-cost [SOURCES [ITEMS [load|news]]]
if (args is ["story-cost", .. var shape])
{
    int Count(int index, int otherwise) => shape.Length > index ? int.Parse(shape[index], System.Globalization.CultureInfo.InvariantCulture) : otherwise;
    await Syndication.Benchmarks.StoryCost.RunAsync(Count(0, 1000), Count(1, 50), shape.Length > 2 ? shape[2] : "load");
    return;
}
// dotnet run -c Release --project tests/Syndication.Benchmarks -- allocations TRACE.nettrace [large]
if (args is ["allocations", var trace, .. var kind])
{
    Syndication.Benchmarks.Allocations.Run(trace, largeOnly: kind is ["large"]);
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
