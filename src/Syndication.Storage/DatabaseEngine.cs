namespace Syndication.Storage;

/// <summary>Which database holds the store: one SQLite file (the default), or a PostgreSQL database several nodes share.</summary>
public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}
