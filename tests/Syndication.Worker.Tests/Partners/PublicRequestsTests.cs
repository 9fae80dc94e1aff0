using System.Net;
using System.Net.Http.Headers;

namespace Syndication.Worker.Tests.Partners;

/// <summary>Public feeds are for anyone: the partner key scheme runs only where a policy asks for it.</summary>
public sealed class PublicRequestsTests
{
    [Fact]
    public async Task A_public_feed_request_never_runs_the_partner_key_scheme()
    {
        var root = ServiceUnderTest.NewRoot();
        var logs = new CapturingLoggerProvider();
        try
        {
            await using var service = await logs.StartServiceAsync(root);
            var key = await service.AddPartnerAsync("Đối tác", ["feeds"]);

            foreach (var token in new[] { "syn_not_a_key", key })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/rss.xml");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await service.Client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            var publicLines = logs.Lines.Count(line => line.Contains(nameof(Worker.Partners.PartnerKeyHandler), StringComparison.Ordinal));

            // The same bad key on a partner feed does run it, so the log would show the scheme had it run before.
            using (var partnerRequest = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/rss.xml"))
            {
                partnerRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "syn_not_a_key");
                using var refused = await service.Client.SendAsync(partnerRequest);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }
            await service.StopAsync();

            Assert.Equal(0, publicLines);
            Assert.Contains(logs.Lines, line => line.Contains(nameof(Worker.Partners.PartnerKeyHandler), StringComparison.Ordinal));
        }
        finally
        {
            ServiceUnderTest.DeleteRoot(root);
        }
    }
}
