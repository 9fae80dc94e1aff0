using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Syndication.Browser.Tests;

/// <summary>
/// axe-core, the copy bundled in the Deque.AxeCore packages, run in the page itself and asked for violations only. Our
/// pages have no frames, so this is the whole check, at about a quarter of the time of the package's frame-by-frame
/// run (which opens a page of its own to combine results and sends back every passing check).
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>The rules the page breaks, each with its impact ("minor" … "critical") and up to four of its elements.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> ViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(AxeScript.Value);
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help,
                nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + n.html) }))
            """);
        return [.. violations.EnumerateArray().Select(violation => new AxeViolation(
            violation.GetProperty("id").GetString()!,
            violation.GetProperty("impact").GetString()!,
            violation.GetProperty("help").GetString()!,
            [.. violation.GetProperty("nodes").EnumerateArray().Select(node => node.GetString()!)]))];
    }
}

/// <summary>One axe-core rule a page breaks.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Nodes);
