using System.Text.Json;
using Syndication.Core.Publishing;

namespace Syndication.Worker.Partners;

/// <summary>A partner's profile as the API shows and takes it: <c>{"content", "images", "media", "sections", "attribution"}</c>.</summary>
public sealed record PartnerProfileJson(string Content, bool Images, bool Media, IReadOnlyList<string>? Sections, string? Attribution)
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PartnerProfileJson Of(PartnerProfile profile) =>
        new(profile.Content, profile.Images, profile.Media, profile.Sections, profile.Attribution);

    public PartnerProfile ToProfile() => new(Content == "full", Images, Media, Sections, Attribution);

    /// <summary>A PUT body as an edit: each field present is a change, each absent one stays as it is; null sections
    /// means every section. A field of the wrong type, or one we do not know, is named.</summary>
    public static (PartnerProfileEdit? Edit, string? Field, string? Error) ParseEdit(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException error)
        {
            return (null, "", $"the body is not JSON: {error.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "", "the body must be a JSON object such as {\"content\": \"lead\"}");
            }
            var edit = new PartnerProfileEdit();
            foreach (var property in root.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "content" when value.ValueKind == JsonValueKind.String:
                        edit = edit with { Content = value.GetString() };
                        break;
                    case "content":
                        return (null, "content", "must be \"full\" or \"lead\"");
                    case "images" or "media" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        edit = property.Name == "images" ? edit with { Images = value.GetBoolean() } : edit with { Media = value.GetBoolean() };
                        break;
                    case "images" or "media":
                        return (null, property.Name, "must be true or false");
                    case "sections" when value.ValueKind == JsonValueKind.Null:
                        edit = edit with { AllSections = true };
                        break;
                    case "sections" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(slug => slug.ValueKind == JsonValueKind.String):
                        edit = edit with { Sections = [.. value.EnumerateArray().Select(slug => slug.GetString()!)] };
                        break;
                    case "sections":
                        return (null, "sections", "must be an array of section slugs, or null for every section");
                    case "attribution" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                        edit = edit with { Attribution = value.GetString() ?? "" };
                        break;
                    case "attribution":
                        return (null, "attribution", "must be a string, or null for none");
                    default:
                        return (null, property.Name, "is not a field of a profile (content, images, media, sections, attribution)");
                }
            }
            return (edit, null, null);
        }
    }
}
