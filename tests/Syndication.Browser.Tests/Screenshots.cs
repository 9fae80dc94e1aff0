using Microsoft.Playwright;

namespace Syndication.Browser.Tests;

/// <summary>
/// Full-page screenshots for a person to look at, written only when SYNDICATION_SCREENSHOTS names a folder
/// (<c>SYNDICATION_SCREENSHOTS=/tmp/shots dotnet test tests/Syndication.Browser.Tests</c>).
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "SYNDICATION_SCREENSHOTS";

    public static async Task SaveAsync(IPage page, string path, int width)
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var name = new string([.. (path.Length == 0 ? "home" : path.Split('?')[0]).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        // The first screen as a person sees it on arrival, and the whole page.
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}-top.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
    }
}
