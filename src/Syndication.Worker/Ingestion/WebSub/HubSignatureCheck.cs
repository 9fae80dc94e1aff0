namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>What the X-Hub-Signature of a delivery showed.</summary>
public enum HubSignatureCheck
{
    Valid,
    Missing,
    /// <summary>Not "method=hex", or a method other than sha1, sha256, sha384 and sha512.</summary>
    Malformed,
    Mismatch,
}
