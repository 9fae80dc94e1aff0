using Syndication.Core.Text;

namespace Syndication.Core.Tests.Text;

public sealed class StableIdsTests
{
    [Fact]
    public void Same_name_gives_the_same_id()
    {
        Assert.Equal(StableIds.FromName("txt:000_91e8b4edcccac0ee"), StableIds.FromName("txt:000_91e8b4edcccac0ee"));
    }

    [Theory]
    [InlineData("txt:000_91e8b4edcccac0ee", "txt:000_91e8b4edcccac0ef")]
    [InlineData("jsonl:tin-dung", "txt:tin-dung")]
    [InlineData("a", "A")]
    [InlineData("", " ")]
    public void Different_names_give_different_ids(string first, string second)
    {
        Assert.NotEqual(StableIds.FromName(first), StableIds.FromName(second));
    }

    [Theory]
    [InlineData("txt:000_91e8b4edcccac0ee")]
    [InlineData("Đắk Lắk")]
    [InlineData("")]
    public void Ids_are_version_5_with_the_rfc_variant(string name)
    {
        var text = StableIds.FromName(name).ToString("D");

        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
        Assert.Equal(5, StableIds.FromName(name).Version);
    }

    // Computed independently with Python: uuid.uuid5(uuid.UUID("6c1f3f2e-8c4b-5d7a-9a51-3b8e2f0d4c61"), name).
    // Feeds publish these ids; if one changes, every reader sees every article as new.
    [Theory]
    [InlineData("txt:000_91e8b4edcccac0ee", "dd492960-3e90-5cb3-a596-3d31845b2055")]
    [InlineData("jsonl:tin-dung-chinh-sach", "d90eb402-25f8-575d-a0ed-c09fa7f96762")]
    [InlineData("Đắk Lắk", "2946124f-aa25-5529-a21d-00f10db4cf86")]
    [InlineData("", "5553ffd8-c32f-526c-bec7-e244c58ce87f")]
    public void Ids_match_rfc_9562_name_based_uuids_and_never_change(string name, string expected)
    {
        Assert.Equal(Guid.Parse(expected), StableIds.FromName(name));
    }

    [Fact]
    public void Urn_is_the_lowercase_uuid_behind_the_urn_prefix()
    {
        var id = Guid.Parse("DD492960-3E90-5CB3-A596-3D31845B2055");

        Assert.Equal("urn:uuid:dd492960-3e90-5cb3-a596-3d31845b2055", StableIds.Urn(id));
    }
}
