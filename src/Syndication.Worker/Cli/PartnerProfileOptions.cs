using System.CommandLine;
using Syndication.Worker.Partners;

namespace Syndication.Worker.Cli;

/// <summary>The profile options <c>partners add</c> and <c>partners set</c> share; contradictory ones (<c>--images</c>
/// with <c>--no-images</c>, <c>--section</c> with <c>--all-sections</c>) are usage errors (exit code 5).</summary>
internal sealed class PartnerProfileOptions
{
    private readonly Option<string> _content = new("--content") { Description = "What items carry: full (the whole article) or lead" };
    private readonly Option<bool> _images = new("--images") { Description = "Items carry the article's images" };
    private readonly Option<bool> _noImages = new("--no-images") { Description = "Items carry no images (figures are left out of the text too)" };
    private readonly Option<bool> _media = new("--media") { Description = "Images are described in Media RSS (media:content, thumbnail, credit, caption)" };
    private readonly Option<bool> _noMedia = new("--no-media") { Description = "No Media RSS" };
    private readonly Option<string[]> _sections = new("--section") { Description = "Only this section's articles (a slug), repeatable" };
    private readonly Option<bool> _allSections = new("--all-sections") { Description = "Articles of every section (the default)" };
    private readonly Option<string> _attribution = new("--attribution") { Description = "A line appended to each item's content (\"\" removes it)" };

    public PartnerProfileOptions()
    {
        _content.AcceptOnlyFromAmong("full", "lead");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _content, _images, _noImages, _media, _noMedia, _sections, _allSections, _attribution })
        {
            command.Options.Add(option);
        }
        command.Validators.Add(result =>
        {
            if (result.GetValue(_images) && result.GetValue(_noImages))
            {
                result.AddError("--images and --no-images contradict each other; give one");
            }
            if (result.GetValue(_media) && result.GetValue(_noMedia))
            {
                result.AddError("--media and --no-media contradict each other; give one");
            }
            if (result.GetValue(_allSections) && result.GetValue(_sections) is { Length: > 0 })
            {
                result.AddError("--section and --all-sections contradict each other; give one");
            }
        });
    }

    /// <summary>The change the options ask for: each part left as it is unless an option names it.</summary>
    public PartnerProfileEdit EditOf(ParseResult parse) => new(
        parse.GetValue(_content),
        parse.GetValue(_images) ? true : parse.GetValue(_noImages) ? false : null,
        parse.GetValue(_media) ? true : parse.GetValue(_noMedia) ? false : null,
        parse.GetValue(_sections) is { Length: > 0 } sections ? sections : null,
        parse.GetValue(_allSections),
        parse.GetValue(_attribution));

    /// <summary>Whether any profile option was given.</summary>
    public bool AnyGiven(ParseResult parse) =>
        new Option[] { _content, _images, _noImages, _media, _noMedia, _sections, _allSections, _attribution }.Any(option => parse.GetResult(option) is { Implicit: false });
}
