using System.Net;
using System.Net.Http.Headers;

namespace Syndication.Worker.Tests.Partners;

public sealed class SecretLoggingTests
{
    [Fact]
    public async Task Keys_never_reach_the_logs_even_at_trace_level()
    {
        var root = ServiceUnderTest.NewRoot();
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var service = await logs.StartServiceAsync(root);
            var key = await service.AddPartnerAsync("Đối tác", ["feeds"]);
            var secret = key[^64..];

            using (var byPath = await service.Client.GetAsync($"partners/{key}/feeds/rss.xml"))
            using (var revokedLater = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/atom.xml"))
            {
                Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
                // Another key: its last character changed (a key ending in "0" was sent unchanged once, and let in).
                revokedLater.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key[..^1] + (key[^1] == '0' ? "1" : "0"));
                using var refused = await service.Client.SendAsync(revokedLater);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }
            await service.StopAsync();

            Assert.Contains(logs.Lines, line => line.Contains("partners/", StringComparison.Ordinal));
            var leaks = logs.Lines.Where(line => line.Contains(secret[..32], StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        }
        finally
        {
            ServiceUnderTest.DeleteRoot(root);
        }
    }
}
