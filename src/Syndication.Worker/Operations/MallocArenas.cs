using System.Runtime.InteropServices;

namespace Syndication.Worker.Operations;

/// <summary>
/// Caps glibc's malloc at two arenas, as <c>MALLOC_ARENA_MAX=2</c> in the environment would, so a plain
/// <c>syndication serve</c> keeps most of what the systemd unit's setting saves. glibc gives each thread that meets a
/// busy arena one of its own, up to eight per core, and each keeps what it once held: serving while crawling peaked at
/// 259–265 MB with the default, 227 MB with this call and 201 MB with the environment variable, which also covers the
/// arenas made before <c>Main</c> (tests/load/README.md). An operator's own <c>MALLOC_ARENA_MAX</c> is left to glibc;
/// where the C library is not glibc (musl), nothing is done.
/// </summary>
/// <remarks>Called first thing in <c>Main</c>: the few arenas the runtime's own threads made before it stay, and no
/// thread gets a new one after it (glibc fixes its limit only once it would pass eight arenas).</remarks>
internal static class MallocArenas
{
    /// <summary>M_ARENA_MAX in glibc's malloc.h.</summary>
    private const int ArenaMax = -8;

    /// <summary>True when the limit was set.</summary>
    public static bool Limit()
    {
        if (!OperatingSystem.IsLinux() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX")))
        {
            return false;
        }
        try
        {
            return Mallopt(ArenaMax, 2) == 1;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
