using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>A storage failure that has not passed yet, and when it was first seen.</summary>
public sealed record StorageProblem(StorageFailure Failure, DateTimeOffset Since);
