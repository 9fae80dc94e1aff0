namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>How far one fetch has got, so that a failure at any point reports the hop and the bytes it reached.</summary>
internal sealed class FetchAttempt(Uri url)
{
    /// <summary>The URL of the current hop.</summary>
    public Uri Url { get; set; } = url;

    /// <summary>The status of the current hop's response; null until it arrives.</summary>
    public int? Status { get; set; }

    public long BytesRead { get; set; }

    /// <summary>Moves on to a redirect's target, whose response is still to come.</summary>
    public void Redirect(Uri target)
    {
        Url = target;
        Status = null;
    }

    public FetchResult Failed(string error) => Result(FetchOutcome.Failed, error);

    public FetchResult Result(FetchOutcome outcome, string? error = null) =>
        new() { Outcome = outcome, HttpStatus = Status, FinalUrl = Url, Error = error };
}
