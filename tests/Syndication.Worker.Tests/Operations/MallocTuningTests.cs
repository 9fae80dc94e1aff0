using Syndication.Worker.Operations;

namespace Syndication.Worker.Tests.Operations;

/// <summary>The malloc settings reach glibc: a wrong library or entry point name, or a parameter glibc does not know, would make the call do nothing.</summary>
public sealed class MallocTuningTests
{
    [Fact]
    public void Each_setting_is_made_on_glibc_unless_the_operator_set_its_variable()
    {
        var glibc = OperatingSystem.IsLinux() && (File.Exists("/lib/x86_64-linux-gnu/libc.so.6") || File.Exists("/lib/aarch64-linux-gnu/libc.so.6"));
        string[] variables = ["MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"];
        var expected = glibc ? variables.Where(name => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))).ToList() : [];

        Assert.Equal(expected, MallocTuning.Apply());
    }
}
