using Microsoft.Playwright;

namespace Syndication.Browser.Tests;

/// <summary>
/// Debian's Chromium (packages <c>chromium</c> and <c>chromium-driver</c>), driven by Playwright: Playwright's own browser
/// download is not used, so the tests need nothing beyond the repository and the two packages.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string InstallHint = "Chromium is not installed: apt-get install -y chromium chromium-driver";

    /// <summary>Why browser tests are skipped here (no Chromium outside CI), or null when they run. Under CI=true a missing browser fails instead.</summary>
    public static string? SkipReason =>
        !File.Exists(ExecutablePath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? InstallHint
            : null;

    /// <summary>Starts Playwright's driver (it ships in the NuGet package) and launches headless Chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(InstallHint);
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Args = ["--no-sandbox"], Headless = true });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
