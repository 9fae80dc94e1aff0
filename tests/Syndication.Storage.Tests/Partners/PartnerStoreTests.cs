using Syndication.Core.Publishing;
using Syndication.Storage.Partners;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Partners;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class PartnerStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Hash = [1, 2, 3, 4];
    private readonly TestDatabase _temporary;
    private readonly PartnerStore _store;

    protected PartnerStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _store = new PartnerStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    [DatabaseFact]
    public async Task Added_partner_is_found_by_its_key_id_with_its_hash_and_scopes()
    {
        var added = await _store.AddAsync("Báo Lâm Đồng", "k1", Hash, ["section:kinh-te", "related"], 30, CancellationToken.None);

        var found = await _store.FindByKeyIdAsync("k1", CancellationToken.None);

        Assert.Equal((added!.Id, "Báo Lâm Đồng", "k1", true), (found!.Partner.Id, found.Partner.Name, found.Partner.KeyId, found.Partner.IsActive));
        Assert.Equal(["section:kinh-te", "related"], found.Partner.Scopes);
        Assert.Equal(30, found.Partner.RequestsPerMinute);
        Assert.Equal(Hash, found.SecretHash);
        Assert.Null(await _store.FindByKeyIdAsync("k2", CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_profile_is_stored_read_back_by_id_or_name_and_replaced()
    {
        var lead = new PartnerProfile(FullText: false, Images: false, Media: false, Sections: ["kinh-te", "van-hoa"], Attribution: "Nguồn: Báo Đắk Lắk <baodaklak.vn>");
        var added = await _store.AddAsync("Báo Gia Lai", "k1", Hash, ["feeds"], 60, lead, CancellationToken.None);
        var plain = await _store.AddAsync("VTV", "k2", Hash, ["feeds"], 60, CancellationToken.None);

        Assert.Equal(lead, added!.Profile);
        Assert.Equal(["kinh-te", "van-hoa"], (await _store.FindByKeyIdAsync("k1", CancellationToken.None))!.Partner.Profile.Sections);
        Assert.Equal("Nguồn: Báo Đắk Lắk <baodaklak.vn>", (await _store.FindAsync("Báo Gia Lai", CancellationToken.None))!.Profile.Attribution);
        Assert.Equal(PartnerProfile.Default, plain!.Profile);
        Assert.Null(plain.Profile.Sections);

        var full = new PartnerProfile(FullText: true, Images: true, Media: true, Sections: null, Attribution: null);
        var changed = await _store.SetProfileAsync(added.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), full, CancellationToken.None);

        Assert.Equal(full, changed!.Profile);
        Assert.Equal(full, (await _store.ListAsync(CancellationToken.None)).Single(partner => partner.Name == "Báo Gia Lai").Profile);
        Assert.Null(await _store.SetProfileAsync("không có", full, CancellationToken.None));
        Assert.Null(await _store.FindAsync("không có", CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Concurrent_counts_in_a_keys_window_lose_nothing_and_a_new_window_starts_after_the_last()
    {
        var partner = await _store.AddAsync("Đối tác", "k1", Hash, ["feeds"], 60, CancellationToken.None);
        var window = TimeSpan.FromMinutes(1);

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => _store.CountInWindowAsync(partner!.Id, window, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), counts.Select(count => count.Used).Order());
        Assert.All(counts, count => Assert.Equal(TestDatabase.Start + window, count.WindowEnd));
        _temporary.Clock.Advance(window);
        var next = await _store.CountInWindowAsync(partner!.Id, window, CancellationToken.None);
        Assert.Equal((1, TestDatabase.Start + (2 * window)), next);
    }

    [DatabaseFact]
    public async Task A_taken_name_is_refused()
    {
        await _store.AddAsync("VTV", "k1", Hash, ["feeds"], 60, CancellationToken.None);

        Assert.Null(await _store.AddAsync("VTV", "k2", Hash, ["feeds"], 60, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Revoke_by_name_or_id_marks_the_partner_once()
    {
        var first = await _store.AddAsync("VTV", "k1", Hash, ["feeds"], 60, CancellationToken.None);
        await _store.AddAsync("TTXVN", "k2", Hash, ["feeds"], 60, CancellationToken.None);

        Assert.True(await _store.RevokeAsync("TTXVN", CancellationToken.None));
        Assert.True(await _store.RevokeAsync(first!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));
        Assert.False(await _store.RevokeAsync("TTXVN", CancellationToken.None));

        Assert.All(await _store.ListAsync(CancellationToken.None), partner => Assert.False(partner.IsActive));
    }

    [DatabaseFact]
    public async Task Usage_adds_up_per_partner_and_day()
    {
        var partner = (await _store.AddAsync("VTV", "k1", Hash, ["feeds"], 60, CancellationToken.None))!;
        var day = new DateOnly(2026, 11, 25);

        await _store.AddUsageAsync([new UsageDelta(partner.Id, day, 3, 1, 0, 1000)], CancellationToken.None);
        await _store.AddUsageAsync([new UsageDelta(partner.Id, day, 2, 0, 1, 500), new UsageDelta(partner.Id, day.AddDays(-1), 1, 0, 0, 10)], CancellationToken.None);

        var usage = await _store.GetUsageAsync(day.AddDays(-1), CancellationToken.None);
        Assert.Equal(
            [new PartnerUsage(partner.Id, "VTV", day, 5, 1, 1, 1500), new PartnerUsage(partner.Id, "VTV", day.AddDays(-1), 1, 0, 0, 10)],
            usage);
        Assert.Single(await _store.GetUsageAsync(day, CancellationToken.None));
    }
}

public sealed class SqlitePartnerStoreTests() : PartnerStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresPartnerStoreTests(PostgresServer server) : PartnerStoreTests(new PostgresTestDatabase(server));
