using System.Net;
using System.Net.Sockets;

namespace Syndication.Worker.Hosting;

/// <summary>
/// An outgoing connection whose reads and writes, when they had to wait, continue on the thread pool: with socket
/// completions inline (<see cref="EventLoop"/>) the event loop would otherwise run the HTTP client's parsing and then
/// whatever awaited it — a poll parsing and storing its feed, say — while every connection of that loop waits. What
/// completes at once stays where it is.
/// </summary>
internal sealed class OffLoopStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override bool CanTimeout => inner.CanTimeout;

    public override int ReadTimeout { get => inner.ReadTimeout; set => inner.ReadTimeout = value; }

    public override int WriteTimeout { get => inner.WriteTimeout; set => inner.WriteTimeout = value; }

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompleted ? read : LeaveAfterAsync(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var written = inner.WriteAsync(buffer, cancellationToken);
        return written.IsCompleted ? written : LeaveAfterAsync(written);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>A plain connection to the request's host (its addresses in turn, IPv6 or IPv4), for a handler's
    /// <c>ConnectCallback</c>; the fetcher's connector checks each address first (GuardedConnector).</summary>
    public static ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(new Socket(SocketType.Stream, ProtocolType.Tcp), context.DnsEndPoint, cancellationToken);

    /// <summary>Connects <paramref name="socket"/> (disposed if it cannot) and goes on off the event loops.</summary>
    public static async ValueTask<Stream> ConnectAsync(Socket socket, EndPoint endpoint, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new OffLoopStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            // A connection made or refused may have completed on a socket event loop; what follows runs elsewhere.
            await EventLoop.LeaveAsync(keepOff: false);
        }
    }

    private static async ValueTask<int> LeaveAfterAsync(ValueTask<int> pending)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        finally
        {
            await EventLoop.LeaveAsync(keepOff: false);
        }
    }

    private static async ValueTask LeaveAfterAsync(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        finally
        {
            await EventLoop.LeaveAsync(keepOff: false);
        }
    }
}
