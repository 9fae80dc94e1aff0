using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>The one-line messages of failed fetches, worded for an operator reading a source's health.</summary>
internal static class FetchErrors
{
    public static string Status(int status)
    {
        // Our own reason phrase: the server's is untrusted text, and HTTP/2 has none.
        var phrase = ReasonPhrases.GetReasonPhrase(status);
        return phrase.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status}")
            : string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {phrase}");
    }

    public static string BodyTooLarge(long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"body exceeds the {limit}-byte limit");

    public static string TimedOut(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s");

    public static string UnsupportedScheme(Uri url) =>
        url.IsAbsoluteUri
            ? $"unsupported scheme '{url.Scheme}': only http and https are fetched"
            : $"not an absolute URL: {url.OriginalString}";

    /// <summary>Names the cause of an exception from the handler or the body stream, innermost meaningful cause first.</summary>
    public static string Describe(Exception exception, Uri url, TimeSpan connectTimeout)
    {
        var host = url.IdnHost;
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case ForbiddenAddressException refused:
                    return refused.Message;
                case TimeoutException:
                    return $"connection to {host} {TimedOut(connectTimeout)}";
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"host {host} not found",
                        SocketError.ConnectionRefused => string.Create(CultureInfo.InvariantCulture, $"connection to {host}:{url.Port} refused"),
                        SocketError.ConnectionReset or SocketError.ConnectionAborted => $"connection to {host} reset by the server",
                        SocketError.TimedOut => $"connection to {host} timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"{host} is unreachable",
                        _ => $"connection to {host} failed: {OneLine(socket.Message)}",
                    };
                case AuthenticationException tls:
                    return $"TLS handshake with {host} failed: {OneLine(tls.Message)}";
                case InvalidDataException corrupt:
                    return $"response from {host} could not be decompressed: {OneLine(corrupt.Message)}";
            }
        }
        var error = exception switch
        {
            HttpRequestException request => request.HttpRequestError,
            HttpIOException body => body.HttpRequestError,
            _ => HttpRequestError.Unknown,
        };
        return error switch
        {
            HttpRequestError.ResponseEnded => $"{host} closed the connection before the response was complete",
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => $"invalid HTTP response from {host}: {OneLine(exception.Message)}",
            HttpRequestError.ConfigurationLimitExceeded => $"response headers from {host} exceed the limit",
            _ => $"request to {host} failed: {OneLine(exception.Message)}",
        };
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
