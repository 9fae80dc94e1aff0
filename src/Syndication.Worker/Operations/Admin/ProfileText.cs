using Syndication.Core.Publishing;

namespace Syndication.Worker.Operations.Admin;

/// <summary>A partner's profile in a line of Vietnamese, for the console.</summary>
public static class ProfileText
{
    public static string Vietnamese(PartnerProfile profile) =>
        string.Join(" · ", new[]
        {
            profile.FullText ? "toàn văn" : "chỉ sapo",
            profile.Images ? (profile.Media ? "có ảnh, Media RSS" : "có ảnh, không Media RSS") : "không ảnh",
            profile.Sections is null ? "mọi chuyên mục" : "chuyên mục " + string.Join(", ", profile.Sections),
            profile.Attribution is null ? "không ghi nguồn" : $"ghi nguồn “{profile.Attribution}”",
        });
}
