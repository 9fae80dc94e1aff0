using Syndication.Core.Articles;
using Syndication.Core.Importing;
using Syndication.Storage.Articles;
using Syndication.Worker.Operations.Admin;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Importing;

/// <summary>
/// The newsroom CMS's article API, for admin keys: <c>PUT /api/articles/{slug}</c> with one article object as in the
/// JSON Lines seed format, <c>DELETE</c> to withdraw it, <c>GET</c> to read it back in the same shape.
/// </summary>
public static class ArticleApiEndpoints
{
    /// <summary>An article with its figures is a few hundred KB at most; more is a mistake or an attack.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapArticleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/articles/{slug}", async (string slug, ArticleStore store, SiteProvider sites, CancellationToken cancellationToken) =>
            await store.GetBySlugAsync(slug, cancellationToken, includeEmbargoed: true) is { } article
                ? Results.Json(ArticleJson.Of(article, sites.Site))
                : NoSuchArticle(slug))
            .AdminOnly();
        app.MapPut("/api/articles/{slug}", PutAsync).AdminOnly();
        app.MapDelete("/api/articles/{slug}", DeleteAsync).AdminOnly();
        return app;
    }

    private static async Task<IResult> PutAsync(
        string slug, HttpContext context, JsonLinesArticleParser parser, ArticleStore store, SiteProvider sites, ILogger<ArticleImporter> logger)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem(
                detail: $"The article must be sent as application/json, not '{context.Request.ContentType ?? "(no Content-Type)"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }
        if (await ReadBodyAsync(context.Request, context.RequestAborted) is not { } body)
        {
            return Results.Problem(
                detail: $"The request body is larger than {MaxBodyBytes / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Article too large");
        }
        ArticleContent content;
        try
        {
            content = parser.ParseLine(body, "request body", 1, slug);
        }
        catch (SeedFormatException error)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [error.Field ?? ""] = [error.Problem] },
                detail: error.Problem,
                title: "The article is not valid");
        }
        var outcome = await store.SaveBySlugAsync(content, context.RequestAborted);
        if (outcome != UpsertOutcome.Unchanged)
        {
            await ChangedAsync(context);
        }
        logger.LogInformation("Article {Slug} saved through the API: {Outcome}", slug, outcome);
        var saved = ArticleJson.Of((await store.GetBySlugAsync(slug, context.RequestAborted, includeEmbargoed: true))!, sites.Site);
        return outcome == UpsertOutcome.Inserted ? Results.Created($"/api/articles/{slug}", saved) : Results.Ok(saved);
    }

    /// <summary>Withdraws an article; an optional <c>{"comment": "…"}</c> body says why, in the tombstone the feeds publish.</summary>
    private static async Task<IResult> DeleteAsync(string slug, HttpContext context, ArticleStore store, ILogger<ArticleImporter> logger)
    {
        if (await ReadBodyAsync(context.Request, context.RequestAborted) is not { } body)
        {
            return Results.Problem(
                detail: $"The request body is larger than {MaxBodyBytes / (1024 * 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request too large");
        }
        var (withdrawal, field, problem) = Withdrawal.Parse(body);
        if (withdrawal is null)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [problem!] }, detail: problem, title: "The withdrawal is not valid");
        }
        if (!await store.DeleteAsync(slug, withdrawal.Comment, context.RequestAborted))
        {
            return NoSuchArticle(slug);
        }
        logger.LogInformation("Article {Slug} withdrawn through the API", slug);
        await ChangedAsync(context);
        return Results.NoContent();
    }

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Feeds show the change on the next request; the article's related coverage is worked out, the hub hears
    /// of the change and a new embargo is planned now, rather than at their next rounds.</summary>
    private static Task ChangedAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<ArchiveChanges>().ChangedAsync(context.RequestAborted);

    private static IResult NoSuchArticle(string slug) =>
        Results.Problem(detail: $"There is no article '{slug}'.", statusCode: StatusCodes.Status404NotFound, title: "No such article");
}
