using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Rules;
using Syndication.Worker.Ingestion.Rules;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The rules page: every rule with its matches, the sources a rule can be limited to, the form as given and,
/// after "Xem trước", what the form's rule would do to the newest stored entries.</summary>
public sealed record RulesModel(
    AdminChrome Chrome, IReadOnlyList<StoredRule> Rules, IReadOnlyList<Source> Sources, RuleForm Form, RulePreview? Preview = null)
{
    public string SourceName(long? id) => id is not { } sourceId
        ? "mọi nguồn"
        : Sources.FirstOrDefault(source => source.Id == sourceId) is { } source ? source.Title ?? source.Url : $"nguồn số {sourceId}";
}
