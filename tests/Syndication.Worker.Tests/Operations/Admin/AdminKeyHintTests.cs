using Syndication.Worker.Tests.Partners;

namespace Syndication.Worker.Tests.Operations.Admin;

public sealed class AdminKeyHintTests
{
    private const string Hint = "No admin key exists yet: create one with `syndication partners add NAME --scope admin`";

    [Fact]
    public async Task A_fresh_install_says_once_at_start_how_to_make_an_admin_key_and_stops_saying_it_once_there_is_one()
    {
        var root = ServiceUnderTest.NewRoot();
        try
        {
            using (var logs = new CapturingLoggerProvider())
            {
                await using var fresh = await logs.StartServiceAsync(root);
                Assert.Single(logs.Lines, line => line.Contains(Hint, StringComparison.Ordinal));
                await fresh.AddPartnerAsync("Quản trị", ["admin"]);
            }
            using var again = new CapturingLoggerProvider();
            await using var restarted = await again.StartServiceAsync(root);
            Assert.DoesNotContain(again.Lines, line => line.Contains(Hint, StringComparison.Ordinal));
        }
        finally
        {
            ServiceUnderTest.DeleteRoot(root);
        }
    }
}
