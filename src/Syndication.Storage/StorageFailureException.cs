namespace Syndication.Storage;

/// <summary>A <see cref="StorageFailure"/> found by a check (not by a failing statement), thrown to stop what needs the file.</summary>
public sealed class StorageFailureException(StorageFailure failure) : Exception(failure.ToString())
{
    public StorageFailure Failure { get; } = failure;
}
