using Syndication.Worker.Operations;

namespace Syndication.Worker.Tests.Operations;

/// <summary>The arena cap reaches glibc: a wrong library or entry point name would make the call do nothing.</summary>
public sealed class MallocArenasTests
{
    [Fact]
    public void The_cap_is_set_on_glibc_unless_the_operator_set_MALLOC_ARENA_MAX()
    {
        var glibc = OperatingSystem.IsLinux() && (File.Exists("/lib/x86_64-linux-gnu/libc.so.6") || File.Exists("/lib/aarch64-linux-gnu/libc.so.6"));
        var operatorSet = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX"));
        Assert.Equal(glibc && !operatorSet, MallocArenas.Limit());
    }
}
