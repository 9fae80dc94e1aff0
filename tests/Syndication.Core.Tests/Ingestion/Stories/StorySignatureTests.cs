using Syndication.Core.Ingestion.Stories;

namespace Syndication.Core.Tests.Ingestion.Stories;

public sealed class StorySignatureTests
{
    private const string Lead = "Sáng 4/12, UBND tỉnh Đắk Lắk tổ chức lễ khởi công dự án đường Đông Tây đoạn qua thành phố Buôn Ma Thuột.";

    [Fact]
    public void Folded_copies_have_the_same_signature()
    {
        var marked = StorySignature.Of("Khởi công đường Đông Tây", $"<p>{Lead}</p>", null);
        var stripped = StorySignature.Of("Khoi cong duong Dong Tay!", "Sang 4/12 UBND tinh Dak Lak to chuc le khoi cong du an duong Dong Tay doan qua thanh pho Buon Ma Thuot", null);
        Assert.Equal(marked.MinHashes, stripped.MinHashes);
        Assert.Equal(1.0, marked.EstimateJaccard(stripped));
        Assert.Equal(marked.BandHashes(), stripped.BandHashes());
    }

    [Fact]
    public void Hashes_are_fixed_across_processes()
    {
        // Stored signatures are compared with new ones: a change of hash family would split every stored story.
        var signature = StorySignature.Of("Khởi công đường Đông Tây", Lead, null);
        Assert.Equal(StorySignature.HashCount, signature.MinHashes.Length);
        Assert.Equal(Golden, signature.MinHashes[..4]);
        Assert.Equal(GoldenBand, signature.BandHashes()[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void Vectorised_min_hashes_equal_those_taken_one_function_at_a_time(int count)
    {
        var random = new Random(count);
        var shingles = Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63)).ToArray();
        var expected = StorySignature.ScalarMinHashes(shingles);
        Assert.Equal(expected, StorySignature.VectorMinHashes(shingles));
        Assert.Equal(expected, StorySignature.MinHashesOf(shingles));
        Assert.Equal(count == 0, expected.All(value => value == uint.MaxValue));
    }

    [Fact]
    public void Stored_form_reads_back()
    {
        var signature = StorySignature.Of("Giá cà phê hôm nay 05/12", Lead, "<p>Giá 118.500 đồng/kg.</p>");
        var back = StorySignature.FromStored(signature.HashBytes(), signature.ShingleCount, signature.NumbersText());
        Assert.NotNull(back);
        Assert.Equal(signature.MinHashes, back.MinHashes);
        Assert.Equal(["5/12", "4/12"], back.KeyNumbers);
        Assert.Equal(["5/12", "4/12", "118.500"], back.Numbers);
        Assert.Null(StorySignature.FromStored([1, 2, 3], 9, "|"));
    }

    [Fact]
    public void A_title_alone_is_too_short_to_match()
    {
        var signature = StorySignature.Of("Tin nóng", null, null);
        Assert.False(signature.IsMatchable);
        Assert.Empty(signature.BandHashes());
    }

    [Theory]
    [InlineData("gia ca phe hom nay 5/12: tang 1.000 dong/kg", "5/12 1.000")]
    [InlineData("km1745 quoc lo 14, 12,6 km; nam 2028.", "1745 14 12,6 2028")]
    [InlineData("ngay 05/12/2026 luc 07:30", "5/12/2026 7:30")]
    [InlineData("khong co so nao", "")]
    public void Numbers_are_tokens_with_their_separators(string folded, string expected)
    {
        Assert.Equal(expected, string.Join(' ', StoryNumbers.Of(folded)));
    }

    private static readonly uint[] Golden = [102734402, 12035045, 165502837, 118706317];
    private const long GoldenBand = 8744539816582009151;
}
