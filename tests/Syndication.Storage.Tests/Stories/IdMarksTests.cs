using Syndication.Storage.Stories;

namespace Syndication.Storage.Tests.Stories;

public sealed class IdMarksTests
{
    [Fact]
    public void Each_id_is_taken_once_and_read_back_in_ascending_order()
    {
        var random = new Random(18);
        var lists = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, 24).Select(_ => random.NextInt64(1_000, 90_000)).ToArray()).ToList();
        using var marks = IdMarks.Over(lists);

        var taken = lists.SelectMany(list => list).Where(marks.Add).ToList();

        var expected = lists.SelectMany(list => list).Distinct().Order().ToList();
        Assert.Equal(expected, taken.Order());
        Assert.Equal(expected, marks.Ascending());
        Assert.False(marks.Add(expected[0]));
        Assert.False(marks.Add(expected[^1]));
    }

    [Fact]
    public void Cleared_marks_take_the_same_ids_again_and_a_returned_set_leaves_no_mark_behind()
    {
        long[] ids = [5, 6, 69, 70, 133, 1_000_005];
        using (var marks = IdMarks.Over([ids]))
        {
            Assert.All(ids, id => Assert.True(marks.Add(id)));
            marks.Clear();
            Assert.Empty(marks.Ascending());
            Assert.All(ids, id => Assert.True(marks.Add(id)));
        }
        // The next set over the same range gets the pooled bits back: none may still be marked.
        using var again = IdMarks.Over([ids]);
        Assert.All(ids, id => Assert.True(again.Add(id)));
        Assert.Equal(ids, again.Ascending());
    }

    [Fact]
    public void Ids_years_apart_are_taken_once_and_read_back_in_ascending_order_too()
    {
        // A band naming an entry stored long ago beside this week's: wider than the bits are kept for.
        long[] old = [12, 7, 12];
        long[] recent = [IdMarks.MaxBits + 90, IdMarks.MaxBits + 40, 7];
        using var marks = IdMarks.Over([old, recent]);

        Assert.Equal([true, true, false], old.Select(marks.Add).ToArray());
        Assert.Equal([true, true, false], recent.Select(marks.Add).ToArray());
        Assert.Equal([7L, 12, IdMarks.MaxBits + 40, IdMarks.MaxBits + 90], marks.Ascending());
        marks.Clear();
        Assert.Empty(marks.Ascending());
        Assert.True(marks.Add(12));
    }

    [Fact]
    public void A_set_over_no_ids_is_empty()
    {
        using var marks = IdMarks.Over([[], []]);
        Assert.Empty(marks.Ascending());
    }
}
