using Syndication.Storage.WebSub;
using Syndication.Worker.Ingestion.WebSub;

namespace Syndication.Worker.Operations.Admin;

/// <summary>How a source's new entries arrive, for its console page: pushed by a WebSub hub or polled, and the subscription behind it.</summary>
public sealed record PushView(bool Pushing, PushSubscription Subscription)
{
    /// <summary>The subscription's state in the console's words.</summary>
    public string StateText => Subscription.State switch
    {
        PushStates.Pending => "chờ đăng ký",
        PushStates.Requested => "đã xin đăng ký, chờ hub xác nhận",
        PushStates.Active => Pushing ? "đang nhận tin đẩy" : "đã đăng ký",
        PushStates.Denied => "hub từ chối",
        PushStates.Failed => "đăng ký lỗi",
        PushStates.Expired => "hết hạn, đang lấy định kỳ",
        PushStates.Silent => "hub im lặng quá lâu, đang lấy định kỳ",
        PushStates.Unsubscribing => "nguồn đã gỡ, đang xin hub hủy đăng ký",
        var other => other,
    };

    /// <summary>Reads a source's subscription with whether it pushes now; null when the source has none.</summary>
    public sealed class Reader(PushSubscriptionStore store, PushPolling polling)
    {
        public async Task<PushView?> ReadAsync(long sourceId, CancellationToken cancellationToken) =>
            await store.GetAsync(sourceId, cancellationToken) is { } subscription
                ? new PushView(polling.IsPushing(subscription), subscription)
                : null;
    }
}
