using Microsoft.Playwright;

namespace Syndication.Browser.Tests;

/// <summary>One page in a browser context of its own, at a given width, recording what the page reports as errors.</summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private BrowserTab(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        // Console errors include resources that failed to load (404s, refused connections), not only script errors.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"uncaught: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions since the tab opened.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static async Task<BrowserTab> OpenAsync(IBrowser browser, int width, string? storageState)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 800 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            StorageState = storageState,
        });
        return new BrowserTab(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
