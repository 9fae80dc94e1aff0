using System.Text.RegularExpressions;

namespace Syndication.Worker.Tests.Partners;

/// <summary><c>syndication partners …</c> as an operator runs it, against a real database file.</summary>
public sealed partial class PartnersCliTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    public Task InitializeAsync() => CliProcess.CreateDatabaseAsync(Path.Combine(_root, "data", "cli.db"));

    public Task DisposeAsync()
    {
        ServiceUnderTest.DeleteRoot(_root);
        return Task.CompletedTask;
    }

    private Task<CliProcess.Result> RunAsync(params string[] args) =>
        CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db") }, args);

    [Fact]
    public async Task Add_prints_the_key_once_and_list_shows_the_partner_without_it()
    {
        var added = await RunAsync("partners", "add", "Báo Gia Lai", "--scope", "section:kinh-te", "--scope", "related", "--rate", "30");
        var listed = await RunAsync("partners", "list");

        Assert.Equal(0, added.ExitCode);
        var key = KeyPattern().Match(added.Output);
        Assert.True(key.Success, added.Output);
        Assert.Contains("shown only this once", added.Error);
        Assert.Contains("Báo Gia Lai", listed.Output);
        Assert.Contains("section:kinh-te related", listed.Output);
        Assert.Contains(key.Groups["id"].Value, listed.Output);
        Assert.DoesNotContain(key.Groups["secret"].Value, listed.Output);
    }

    [Fact]
    public async Task Revoke_marks_the_partner_once()
    {
        await RunAsync("partners", "add", "VTV8");

        var first = await RunAsync("partners", "revoke", "VTV8");
        var second = await RunAsync("partners", "revoke", "VTV8");

        Assert.Equal((0, 4), (first.ExitCode, second.ExitCode));
        Assert.Contains("no active partner 'VTV8'", second.Error);
        Assert.Contains("revoked", (await RunAsync("partners", "list")).Output);
    }

    [Theory]
    [InlineData("--scope", "everything", "unknown scope 'everything'")]
    [InlineData("--scope", "section:Kinh Te", "is not a slug")]
    public async Task A_bad_scope_is_refused_naming_it(string option, string value, string message)
    {
        var result = await RunAsync("partners", "add", "Đối tác", option, value);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Add_and_set_give_a_partner_a_profile_that_list_shows()
    {
        var added = await RunAsync("partners", "add", "Báo Gia Lai", "--content", "lead", "--no-images", "--section", "kinh-te", "--section", "van-hoa",
            "--attribution", "Nguồn: Báo Đắk Lắk");
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("lead, no images, media, sections kinh-te van-hoa, attribution \"Nguồn: Báo Đắk Lắk\"", added.Error);

        var set = await RunAsync("partners", "set", "Báo Gia Lai", "--content", "full", "--images", "--no-media", "--all-sections", "--attribution", "");
        var listed = await RunAsync("partners", "list");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("full, images, no media, all sections", set.Output);
        Assert.DoesNotContain("attribution", set.Output);
        Assert.Contains("full, images, no media, all sections", listed.Output);
    }

    [Fact]
    public async Task Set_changes_only_what_its_options_name()
    {
        await RunAsync("partners", "add", "VTV8", "--content", "lead", "--section", "the-thao");

        var set = await RunAsync("partners", "set", "VTV8", "--attribution", "Theo VTV8");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("lead, images, media, sections the-thao, attribution \"Theo VTV8\"", set.Output);
    }

    [Theory]
    [InlineData(5, "'medium'", "partners", "add", "A", "--content", "medium")]
    [InlineData(5, "--images and --no-images", "partners", "add", "A", "--images", "--no-images")]
    [InlineData(5, "--section and --all-sections", "partners", "add", "A", "--section", "kinh-te", "--all-sections")]
    [InlineData(4, "--section: 'Kinh Tế' is not a section slug", "partners", "add", "A", "--section", "Kinh Tế")]
    [InlineData(4, "there is no partner 'Không có'", "partners", "set", "Không có", "--content", "lead")]
    [InlineData(5, "nothing to change", "partners", "set", "A")]
    public async Task A_bad_profile_option_is_refused_naming_it(int exitCode, string message, params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Usage_of_a_new_database_is_an_empty_table()
    {
        var result = await RunAsync("partners", "usage", "--days", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["DAY", "PARTNER", "REQUESTS", "304", "429", "BYTES"], result.Output.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex("^syn_(?<id>[0-9a-f]{12})_(?<secret>[0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex KeyPattern();
}
