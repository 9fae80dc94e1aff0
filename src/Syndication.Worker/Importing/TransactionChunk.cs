namespace Syndication.Worker.Importing;

/// <summary>
/// How many articles to store in one transaction so it holds the write lock about <c>budget</c>: starts small and
/// follows the time the last transactions really took, so a slow, loaded machine gets smaller ones.
/// </summary>
public sealed class TransactionChunk(TimeSpan budget)
{
    private const int Smallest = 1;
    private const int Largest = 500;

    public int Size { get; private set; } = 16;

    /// <summary>A transaction of <paramref name="articles"/> articles took <paramref name="elapsed"/>: size the next one.</summary>
    public void Took(int articles, TimeSpan elapsed)
    {
        if (articles < Size && elapsed < budget)
        {
            return; // a short tail says little about the pace
        }
        var perArticle = elapsed.TotalMilliseconds / Math.Max(1, articles);
        var fitting = perArticle <= 0 ? Largest : (int)(budget.TotalMilliseconds / perArticle);
        // Grow by at most double per step, so one fast transaction does not make the next one long.
        Size = Math.Clamp(Math.Min(fitting, Size * 2), Smallest, Largest);
    }
}
