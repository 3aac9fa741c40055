using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ContactSpace.Bridge.DevHost.Queues;

/// <summary>
/// Keeps a received message invisible while its function runs, as the host does: the visibility is extended at
/// half the lease, and each extension gives a new pop receipt that completing the message must use.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private string _popReceipt;

    public MessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, TimeProvider time)
    {
        _popReceipt = message.PopReceipt;
        _renewing = RenewAsync(queue, message.MessageId, lease, time);
    }

    public string PopReceipt => Volatile.Read(ref _popReceipt);

    /// <summary>Stops renewing; the message is then completed (or given back) with <see cref="PopReceipt"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private async Task RenewAsync(QueueClient queue, string messageId, TimeSpan lease, TimeProvider time)
    {
        var interval = lease / 2;
        while (true)
        {
            try
            {
                await Task.Delay(interval, time, _stop.Token);
                var receipt = await queue.UpdateMessageAsync(messageId, PopReceipt, visibilityTimeout: lease, cancellationToken: _stop.Token);
                Volatile.Write(ref _popReceipt, receipt.Value.PopReceipt);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException)
            {
                // Storage unreachable or the message already gone: the lease may lapse and the message be seen again,
                // which at-least-once delivery allows. Keep trying while the function runs.
            }
            catch (HttpRequestException)
            {
            }
        }
    }
}
