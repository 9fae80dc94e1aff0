namespace Syndication.Worker.Tests.Publishing.Pages;

/// <summary>The real service over <see cref="PagesArchive"/>, started once for a test class.</summary>
public sealed class PagesFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "syndication-tests", Guid.NewGuid().ToString("N"));

    public ServiceUnderTest Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PagesArchive.WriteSeeds(_root);
        Service = await ServiceUnderTest.StartAsync(_root, "--Syndication:Ingestion:Enabled", "false");
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }
}
