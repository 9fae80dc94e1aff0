using Syndication.Storage.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The partners page: every key, the key just created (shown this once) and what the form was given.</summary>
public sealed record PartnersModel(
    AdminChrome Chrome, IReadOnlyList<Partner> Partners, long? SignedInPartnerId, CreatedKey? Created = null, PartnerForm? Form = null);
