using Syndication.Storage.Stories;

namespace Syndication.Storage.Tests.Stories;

public sealed class BandFilterTests
{
    [Fact]
    public void A_band_added_is_always_a_may_and_few_others_are()
    {
        var random = new Random(16);
        var added = Enumerable.Range(0, 200_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToHashSet();
        var filter = new BandFilter(added.Count);
        foreach (var band in added)
        {
            filter.Add(band);
        }

        Assert.All(added, band => Assert.True(filter.MayContain(band)));
        var others = Enumerable.Range(0, 200_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).Where(band => !added.Contains(band)).ToList();
        var falseMays = others.Count(filter.MayContain);
        Assert.InRange(falseMays, 0, others.Count / 100);
    }

    [Fact]
    public void A_filter_holding_what_it_was_sized_for_says_may_for_fewer_than_one_band_in_a_hundred_it_lacks()
    {
        var random = new Random(32);
        var filter = new BandFilter(1);
        for (var i = 0L; i < filter.Capacity; i++)
        {
            filter.Add(random.NextInt64(long.MinValue, long.MaxValue));
        }

        var falseMays = Enumerable.Range(0, 100_000).Count(_ => filter.MayContain(random.NextInt64(long.MinValue, long.MaxValue)));

        Assert.InRange(falseMays, 0, 1_000);
    }

    [Fact]
    public void A_filter_filled_past_its_size_says_so_until_it_is_as_large_as_it_gets()
    {
        var small = new BandFilter(1);
        for (var band = 0L; band <= small.Capacity; band++)
        {
            small.Add(band * 7919);
        }
        Assert.True(small.Outgrown);

        var largest = new BandFilter(BandFilter.MaxBits);
        Assert.Equal(BandFilter.MaxBits / 16, largest.Capacity);
        Assert.False(largest.Outgrown);
    }
}
