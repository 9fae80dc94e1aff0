using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Syndication.Benchmarks;

/// <summary>
/// Where a process allocates, from an EventPipe trace of the runtime's allocation samples (one event per ~100 KB
/// allocated, with its type and call stack): the types that took most, then the call stacks that did. Record one with
/// <c>DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=/tmp/trace.nettrace
/// DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:5</c> in the environment of the process (a load script
/// passes it on to the service); the trace is complete once the process has stopped.
/// </summary>
internal static class Allocations
{
    public static void Run(string trace, bool largeOnly)
    {
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(trace));
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var byStack = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sample in log.Events)
        {
            if (sample is not GCAllocationTickTraceData tick || (largeOnly && tick.AllocationKind != GCAllocationKind.Large))
            {
                continue;
            }
            var type = $"{tick.AllocationKind} {tick.TypeName}";
            byType[type] = byType.GetValueOrDefault(type) + tick.AllocationAmount64;
            var frames = new List<string>();
            for (var frame = sample.CallStack(); frame is not null && frames.Count < 12; frame = frame.Caller)
            {
                if (frame.CodeAddress.FullMethodName is { Length: > 0 } method)
                {
                    frames.Add(method.Length > 120 ? method[..120] : method);
                }
            }
            var stack = $"{type}\n    {string.Join("\n    ", frames)}";
            byStack[stack] = byStack.GetValueOrDefault(stack) + tick.AllocationAmount64;
        }
        Console.WriteLine(largeOnly ? "large-object allocations sampled, by type:" : "allocations sampled, by type:");
        foreach (var (type, bytes) in byType.OrderByDescending(pair => pair.Value).Take(15))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0,8:F1} MB  {type}"));
        }
        Console.WriteLine();
        Console.WriteLine("by call stack (innermost first):");
        foreach (var (stack, bytes) in byStack.OrderByDescending(pair => pair.Value).Take(12))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0,8:F1} MB  {stack}"));
            Console.WriteLine();
        }
    }
}
