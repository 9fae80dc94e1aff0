using Syndication.Worker.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>What the profile form posts: content level, two boxes, the sections typed (empty: all) and the attribution.</summary>
public sealed record PartnerProfileForm(string Content, bool Images, bool Media, string Sections, string Attribution)
{
    public static PartnerProfileForm Read(IFormCollection form) => new(
        form["content"].ToString(), form["images"] == "on", form["media"] == "on", form["sections"].ToString(), form["attribution"].ToString());

    /// <summary>The form as a change of every part of the profile (a box not ticked is off; no sections typed is all).</summary>
    public PartnerProfileEdit ToEdit()
    {
        var sections = Sections.Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return new PartnerProfileEdit(Content, Images, Media, sections.Length == 0 ? null : sections, sections.Length == 0, Attribution);
    }
}
