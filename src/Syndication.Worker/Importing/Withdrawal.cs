using System.Text.Json;
using Syndication.Core.Text;

namespace Syndication.Worker.Importing;

/// <summary>What a DELETE of an article may say: an optional <c>{"comment": "…"}</c>, published with the tombstone.</summary>
public sealed record Withdrawal(string? Comment)
{
    /// <summary>A reason is a sentence or two; the feeds carry it to every partner.</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>Reads a request body (empty: no comment); the problem and the field it concerns when it is not valid.</summary>
    public static (Withdrawal? Withdrawal, string Field, string? Problem) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (new Withdrawal((string?)null), "", null);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            return (null, "", $"not valid JSON: {error.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "", "expected a JSON object such as {\"comment\": \"…\"}");
            }
            if (!document.RootElement.TryGetProperty("comment", out var comment) || comment.ValueKind == JsonValueKind.Null)
            {
                return (new Withdrawal((string?)null), "", null);
            }
            if (comment.ValueKind != JsonValueKind.String)
            {
                return (null, "comment", $"field 'comment' must be a string, not {comment.ValueKind.ToString().ToLowerInvariant()}");
            }
            var text = TextCleaner.Clean(comment.GetString()!);
            return text.Length > MaxCommentLength
                ? (null, "comment", $"field 'comment' is {text.Length} characters long; at most {MaxCommentLength} are kept")
                : (new Withdrawal(text.Length == 0 ? null : text), "", null);
        }
    }
}
