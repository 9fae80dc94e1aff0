using Syndication.Storage.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The page that edits a partner's profile: the partner, and the form's values when a post was refused.</summary>
public sealed record PartnerProfileModel(AdminChrome Chrome, Partner Partner, PartnerProfileForm? Form = null);
