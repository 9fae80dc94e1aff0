namespace Syndication.Core.Tests;

/// <summary>Paths of the fixtures in testdata/, as copied beside the test assembly.</summary>
internal static class TestData
{
    public static readonly TimeZoneInfo ArchiveZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "testdata", .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));
}
