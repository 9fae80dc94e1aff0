using Syndication.Storage.Partners;
using Syndication.Worker.Operations.Admin;

namespace Syndication.Worker.Partners;

/// <summary>Maps the partners API (admin key): <c>GET /api/partners</c> and <c>GET/PUT /api/partners/{id|name}/profile</c>.</summary>
public static class PartnerApiEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPartnerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/partners", async (PartnerStore partners, CancellationToken cancellationToken) =>
            Results.Json((await partners.ListAsync(cancellationToken)).Select(PartnerJson.Of), PartnerProfileJson.Options)).AdminOnly();
        app.MapGet("/api/partners/{partner}/profile", async (string partner, PartnerStore partners, CancellationToken cancellationToken) =>
            await partners.FindAsync(partner, cancellationToken) is { } found
                ? Results.Json(PartnerProfileJson.Of(found.Profile), PartnerProfileJson.Options)
                : NoSuchPartner(partner)).AdminOnly();
        app.MapPut("/api/partners/{partner}/profile", PutProfileAsync).AdminOnly();
        return app;
    }

    private static async Task<IResult> PutProfileAsync(string partner, HttpContext context, PartnerStore partners)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem(
                detail: $"The profile must be sent as application/json, not '{context.Request.ContentType ?? "(no Content-Type)"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
            {
                return Results.Problem(detail: "A profile is at most 64 KB of JSON.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Profile too large");
            }
        }
        if (await partners.FindAsync(partner, context.RequestAborted) is not { } current)
        {
            return NoSuchPartner(partner);
        }
        var (edit, field, error) = PartnerProfileJson.ParseEdit(body.ToArray());
        if (edit is not null)
        {
            (var profile, field, error) = edit.ApplyTo(current.Profile);
            if (profile is not null)
            {
                var saved = await partners.SetProfileAsync(current.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), profile, context.RequestAborted);
                return Results.Json(PartnerProfileJson.Of(saved!.Profile), PartnerProfileJson.Options);
            }
        }
        return Results.ValidationProblem(
            new Dictionary<string, string[]> { [field ?? ""] = [error!] },
            detail: string.IsNullOrEmpty(field) ? error : $"{field}: {error}",
            title: "The profile is not valid");
    }

    private static IResult NoSuchPartner(string partner) =>
        Results.Problem(detail: $"There is no partner '{partner}' (give its id or name).", statusCode: StatusCodes.Status404NotFound, title: "No such partner");

    /// <summary>A partner as the API lists it: never its key, only the key's public id.</summary>
    private sealed record PartnerJson(
        long Id, string Name, string KeyId, IReadOnlyList<string> Scopes, int RequestsPerMinute, DateTimeOffset Created, DateTimeOffset? Revoked,
        PartnerProfileJson Profile)
    {
        public static PartnerJson Of(Partner partner) => new(
            partner.Id, partner.Name, partner.KeyId, partner.Scopes, partner.RequestsPerMinute, partner.Created, partner.Revoked,
            PartnerProfileJson.Of(partner.Profile));
    }
}
