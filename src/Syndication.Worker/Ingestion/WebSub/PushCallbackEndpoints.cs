namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>The WebSub callback hubs call: GET to check our intent, POST to deliver content. The token names the subscription.</summary>
public static class PushCallbackEndpoints
{
    public const string Prefix = "/websub/callback";

    public static IEndpointRouteBuilder MapPushCallbacks(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "/{token}", (string token, HttpContext context, PushDelivery delivery) =>
            delivery.VerifyAsync(token, context.Request.Query, context.RequestAborted));
        app.MapPost(Prefix + "/{token}", (string token, HttpContext context, PushDelivery delivery) =>
            delivery.DeliverAsync(token, context.Request, context.RequestAborted));
        return app;
    }
}
