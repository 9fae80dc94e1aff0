using Syndication.Core.Ingestion.Stories;

namespace Syndication.Core.Tests.Ingestion.Stories;

public sealed class StoryMatchingTests
{
    private const string Story =
        "<p>Sáng nay, Ủy ban nhân dân tỉnh Đắk Lắk tổ chức hội nghị tổng kết công tác phòng chống thiên tai năm nay. Theo báo cáo, "
        + "mưa lũ đã làm hư hỏng nhiều tuyến đường giao thông nông thôn và công trình thủy lợi tại các huyện phía nam.</p>"
        + "<p>Chủ tịch tỉnh yêu cầu các sở, ngành khẩn trương khắc phục hậu quả, hỗ trợ người dân ổn định cuộc sống.</p>";

    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Weighed_earliest_first_the_first_identical_candidate_is_chosen_as_weighing_them_all_chooses()
    {
        var entry = StorySignature.Of("Tổng kết phòng chống thiên tai", null, Story);
        var edited = StorySignature.Of("Đắk Lắk tổng kết phòng chống thiên tai", null, Story.Replace("<p>Chủ tịch tỉnh", "<p>Tại hội nghị, Chủ tịch tỉnh", StringComparison.Ordinal));
        StoryCandidate[] inIdOrder = [Candidate(3, edited), Candidate(5, entry), Candidate(8, entry)];
        Assert.InRange(StoryMatching.Similarity(entry, Noon, edited, Noon)!.Value, StoryMatching.Threshold, 0.99);

        var weighingAll = StoryMatching.Best(entry, Noon, inIdOrder);
        var stoppingEarly = StoryMatching.Best(entry, Noon, inIdOrder, inIdOrder: true);

        Assert.Equal(5, weighingAll!.EntryId);
        Assert.Equal(5, stoppingEarly!.EntryId);
        Assert.Equal(5, StoryMatching.Best(entry, Noon, inIdOrder.Reverse())!.EntryId);
        Assert.Equal(3, StoryMatching.Best(entry, Noon, inIdOrder.Take(1), inIdOrder: true)!.EntryId);
    }

    private static StoryCandidate Candidate(long id, StorySignature signature) => new(id, id, 2, signature, Noon);
}
