using System.Globalization;
using System.Data.Common;
using Dapper;
using Syndication.Core.Publishing;

namespace Syndication.Storage.Partners;

/// <summary>Partners, their key hashes and their daily usage.</summary>
public sealed class PartnerStore(Database database, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, name AS Name, key_id AS KeyId, scopes AS Scopes, requests_per_minute AS RequestsPerMinute,
        created_utc AS CreatedUtc, revoked_utc AS RevokedUtc, secret_hash AS SecretHash,
        content AS Content, images AS Images, media AS Media, sections AS Sections, attribution AS Attribution
        """;

    /// <summary>Adds a partner; null when the name is taken (names are how operators tell partners apart).</summary>
    public Task<Partner?> AddAsync(
        string name, string keyId, byte[] secretHash, IReadOnlyList<string> scopes, int requestsPerMinute, CancellationToken cancellationToken) =>
        AddAsync(name, keyId, secretHash, scopes, requestsPerMinute, PartnerProfile.Default, cancellationToken);

    /// <summary>Adds a partner with a profile; null when the name is taken.</summary>
    public async Task<Partner?> AddAsync(
        string name, string keyId, byte[] secretHash, IReadOnlyList<string> scopes, int requestsPerMinute, PartnerProfile profile, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>("""
            INSERT INTO partners (name, key_id, secret_hash, scopes, requests_per_minute, created_utc, content, images, media, sections, attribution)
            VALUES (@Name, @KeyId, @SecretHash, @Scopes, @RequestsPerMinute, @Now, @Content, @Images, @Media, @Sections, @Attribution)
            ON CONFLICT (name) DO NOTHING
            RETURNING id
            """,
            new
            {
                Name = name, KeyId = keyId, SecretHash = secretHash, Scopes = string.Join(' ', scopes), RequestsPerMinute = requestsPerMinute,
                Now = Timestamps.ToText(clock.GetUtcNow()), profile.Content, Images = profile.Images ? 1L : 0L, Media = profile.Media ? 1L : 0L,
                Sections = SectionsText(profile), profile.Attribution,
            });
        return id is { } added ? (await GetAsync(connection, "id = @Id", new { Id = added }))!.Partner : null;
    }

    /// <summary>The partner with this id or name, revoked or not; null when there is none.</summary>
    public async Task<Partner?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await GetAsync(connection, "id = @Id OR name = @Name", IdOrName(idOrName)))?.Partner;
    }

    /// <summary>Replaces a partner's profile, by id or name; the partner as it is now, or null when there is none.</summary>
    public async Task<Partner?> SetProfileAsync(string idOrName, PartnerProfile profile, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync("""
            UPDATE partners SET content = @Content, images = @Images, media = @Media, sections = @Sections, attribution = @Attribution
            WHERE id = @Id OR name = @Name
            """,
            new
            {
                profile.Content, Images = profile.Images ? 1L : 0L, Media = profile.Media ? 1L : 0L, Sections = SectionsText(profile), profile.Attribution,
                IdOrName(idOrName).Id, Name = idOrName,
            });
        return changed == 0 ? null : (await GetAsync(connection, "id = @Id OR name = @Name", IdOrName(idOrName)))?.Partner;
    }

    /// <summary>A number names a partner by id, and also by name (a partner may be called "2024").</summary>
    private static IdOrNameParameters IdOrName(string idOrName) =>
        new(long.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null, idOrName);

    private sealed record IdOrNameParameters(long? Id, string Name);

    private static string? SectionsText(PartnerProfile profile) => profile.Sections is null ? null : string.Join(' ', profile.Sections);

    /// <summary>The partner a key id belongs to, revoked or not, with its secret's hash; null when there is none.</summary>
    public async Task<PartnerCredential?> FindByKeyIdAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, "key_id = @KeyId", new { KeyId = keyId });
    }

    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PartnerRow>($"SELECT {Columns} FROM partners ORDER BY name");
        return [.. rows.Select(row => row.ToCredential().Partner)];
    }

    /// <summary>Revokes a partner's key, by id or name; false when no active partner matches.</summary>
    public async Task<bool> RevokeAsync(string idOrName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = long.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (long?)null;
        return await connection.ExecuteAsync(
            "UPDATE partners SET revoked_utc = @Now WHERE (id = @Id OR name = @Name) AND revoked_utc IS NULL",
            new { Id = id, Name = idOrName, Now = Timestamps.ToText(clock.GetUtcNow()) }) > 0;
    }

    /// <summary>Adds counted traffic to each partner's day, all in one transaction.</summary>
    public async Task AddUsageAsync(IReadOnlyCollection<UsageDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync("""
            INSERT INTO partner_usage (partner_id, day, requests, not_modified, throttled, bytes)
            VALUES (@PartnerId, @DayText, @Requests, @NotModified, @Throttled, @Bytes)
            ON CONFLICT (partner_id, day) DO UPDATE SET
                requests = partner_usage.requests + excluded.requests,
                not_modified = partner_usage.not_modified + excluded.not_modified,
                throttled = partner_usage.throttled + excluded.throttled,
                bytes = partner_usage.bytes + excluded.bytes
            """,
            deltas.Select(delta => new
            {
                delta.PartnerId,
                DayText = DayText(delta.Day),
                delta.Requests,
                delta.NotModified,
                delta.Throttled,
                delta.Bytes,
            }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Counts one request in the key's shared rate window (a new one of <paramref name="window"/> when none is open) and
    /// returns how many the window has counted, this one included, and when it ends. Nodes counting at once queue on
    /// the key's row, so none is lost.
    /// </summary>
    public async Task<(long Used, DateTimeOffset WindowEnd)> CountInWindowAsync(long partnerId, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var (used, end) = await connection.QuerySingleAsync<(long, string)>("""
            INSERT INTO partner_windows (partner_id, window_end_utc, used) VALUES (@PartnerId, @End, 1)
            ON CONFLICT (partner_id) DO UPDATE SET
                used = CASE WHEN partner_windows.window_end_utc <= @Now THEN 1 ELSE partner_windows.used + 1 END,
                window_end_utc = CASE WHEN partner_windows.window_end_utc <= @Now THEN excluded.window_end_utc ELSE partner_windows.window_end_utc END
            RETURNING used, window_end_utc
            """,
            new { PartnerId = partnerId, Now = Timestamps.ToText(now), End = Timestamps.ToText(now + window) },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return (used, Timestamps.FromText(end));
    }

    /// <summary>Each partner's usage per day from <paramref name="since"/> on, newest day first, then by partner name.</summary>
    public async Task<IReadOnlyList<PartnerUsage>> GetUsageAsync(DateOnly since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long PartnerId, string Name, string Day, long Requests, long NotModified, long Throttled, long Bytes)>("""
            SELECT u.partner_id, p.name, u.day, u.requests, u.not_modified, u.throttled, u.bytes
            FROM partner_usage u JOIN partners p ON p.id = u.partner_id
            WHERE u.day >= @Since
            ORDER BY u.day DESC, p.name
            """, new { Since = DayText(since) });
        return [.. rows.Select(row => new PartnerUsage(
            row.PartnerId, row.Name, DateOnly.ParseExact(row.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            row.Requests, row.NotModified, row.Throttled, row.Bytes))];
    }

    private static async Task<PartnerCredential?> GetAsync(DbConnection connection, string condition, object parameters) =>
        (await connection.QuerySingleOrDefaultAsync<PartnerRow>($"SELECT {Columns} FROM partners WHERE {condition}", parameters))?.ToCredential();

    private static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record PartnerRow(
        long Id, string Name, string KeyId, string Scopes, long RequestsPerMinute, string CreatedUtc, string? RevokedUtc, byte[] SecretHash,
        string Content, long Images, long Media, string? Sections, string? Attribution)
    {
        public PartnerCredential ToCredential() => new(
            new Partner(Id, Name, KeyId, Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), (int)RequestsPerMinute,
                Timestamps.FromText(CreatedUtc), Timestamps.FromNullableText(RevokedUtc))
            {
                Profile = new PartnerProfile(Content != "lead", Images != 0, Media != 0, Sections?.Split(' ', StringSplitOptions.RemoveEmptyEntries), Attribution),
            },
            SecretHash);
    }
}
