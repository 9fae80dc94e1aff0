using System.Runtime.InteropServices;

namespace Syndication.Worker.Operations;

/// <summary>
/// Sets glibc's malloc as the environment variables of the README's systemd unit would, so a plain
/// <c>syndication serve</c> (or <c>dotnet run</c>) keeps most of what they save:
/// <list type="bullet">
/// <item>at most two arenas (<c>MALLOC_ARENA_MAX=2</c>): glibc gives each thread that meets a busy arena one of its
/// own, up to eight per core, and each keeps what it once held — serving while crawling peaked at 259–265 MB with the
/// default, 227 MB with this call and 201 MB with the environment variable, which also covers the arenas made before
/// <c>Main</c>;</item>
/// <item>fixed mmap and trim thresholds of 128 KB (<c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>): by
/// default glibc raises both each time a large block is freed, up to 32 MB, after which such blocks stay inside the
/// arenas and free memory at their top is kept; fixed, a large block goes back to the system when freed, and an arena
/// gives back a free top past 128 KB. Serving alone peaked at 148–150 MB with these and tiered PGO off, 152–160 MB
/// without (tests/load/README.md, "Memory without environment settings").</item>
/// </list>
/// A setting the operator made in the environment is left to glibc; where the C library is not glibc (musl), nothing
/// is done.
/// </summary>
/// <remarks>Called first thing in <c>Main</c>: the thresholds hold for every allocation after it; of the arenas, the
/// few the runtime's own threads made before it stay, and no thread gets a new one after it (glibc fixes its limit
/// only once it would pass eight arenas).</remarks>
internal static class MallocTuning
{
    // The parameters' numbers in glibc's malloc.h.
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;
    private const int ArenaMax = -8;

    private const int Threshold = 128 * 1024;

    /// <summary>Applies the settings the environment does not make; returns the environment variables' names of those set.</summary>
    public static IReadOnlyList<string> Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        var set = new List<string>();
        try
        {
            Set("MALLOC_ARENA_MAX", ArenaMax, 2, set);
            Set("MALLOC_MMAP_THRESHOLD_", MmapThreshold, Threshold, set);
            Set("MALLOC_TRIM_THRESHOLD_", TrimThreshold, Threshold, set);
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: its malloc has none of these.
        }
        return set;
    }

    private static void Set(string variable, int parameter, int value, List<string> set)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)) && Mallopt(parameter, value) == 1)
        {
            set.Add(variable);
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
