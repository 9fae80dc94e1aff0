namespace Syndication.Worker.Operations.Admin;

/// <summary>What the create-partner form posts: a name, scopes (boxes ticked and facet scopes typed) and a rate.</summary>
public sealed record PartnerForm(string Name, IReadOnlyList<string> Scopes, string? Rate)
{
    public static PartnerForm Read(IFormCollection form) => new(
        form["name"].ToString(),
        [.. form["scope"].Select(scope => scope ?? "")
            .Concat(form["facets"].ToString().Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(scope => scope.Length > 0)],
        form["rate"].ToString() is { Length: > 0 } rate ? rate.Trim() : null);
}
