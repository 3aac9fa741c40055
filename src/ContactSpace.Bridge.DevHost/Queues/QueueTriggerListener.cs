using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ContactSpace.Bridge.DevHost.Invocation;
using ContactSpace.Bridge.DevHost.Metadata;

namespace ContactSpace.Bridge.DevHost.Queues;

/// <summary>
/// A queue trigger with the Functions host's semantics: polls with randomised exponential backoff up to
/// <c>maxPollingInterval</c> while the queue is idle, takes up to <c>batchSize</c> messages and runs them in
/// parallel, passes the dequeue count to the function, deletes a message on success, makes it visible again after
/// <c>visibilityTimeout</c> on failure, and after <c>maxDequeueCount</c> failed tries moves it to
/// <c>&lt;queue&gt;-poison</c>. Messages are Base64 unless host.json says <c>messageEncoding: none</c>.
/// Like the host, the next batch is fetched once no more than <c>newBatchThreshold</c> messages are still running,
/// so one slow invocation never stops the queue, and a running message's lease is renewed at half its length. The
/// lease (the host's is 10 minutes) is <c>DevHost:QueueMessageLease</c>: a message held by a process that died comes
/// back after it.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionInvoker invoker,
    QueueClient queue,
    QueueClient poisonQueue,
    QueueSettings settings,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    public const string PoisonSuffix = "-poison";

    /// <summary>The host polls an active queue this often at the fastest.</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Task> _running = new();

    public string FunctionName => invoker.Function.Name;

    public static QueueClient CreateClient(string connectionString, string queueName, QueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new QueueClient(connectionString, queueName, new QueueClientOptions
        {
            MessageEncoding = settings.IsBase64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None,
        });
    }

    /// <summary>Takes one batch and runs it to the end; returns how many messages it took (0 when idle).</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] messages;
        try
        {
            messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, settings.MessageLease, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Like the host: a queue that does not exist yet is an empty queue.
            return 0;
        }

        await Task.WhenAll(messages.Select(m => ProcessAsync(m, cancellationToken)));
        return messages.Length;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogListening(logger, FunctionName, queue.Name, settings.BatchSize, settings.MaxDequeueCount, settings.MaxPollingInterval);
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            int taken;
            try
            {
                await WaitForBatchRoomAsync(stoppingToken);
                taken = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                LogPollFailed(logger, FunctionName, queue.Name, e.Status, e.ErrorCode);
                taken = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage unreachable (the SDK's retries gave up): keep listening, as the host does, rather than stop the app.
                LogPollError(logger, FunctionName, queue.Name, e);
                taken = 0;
            }

            if (taken > 0)
            {
                delay = MinimumPollingInterval;
                continue;
            }

            try
            {
                await Task.Delay(Jitter(delay), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
        }

        // Shutting down: let the running invocations see the cancellation and finish (each logs its own failure).
        await Task.WhenAll(_running.Values);
    }

    /// <summary>
    /// Runs one message off the polling loop. Nothing awaits it there, so a failure outside the function (storage away
    /// while completing or poisoning) is logged here; the message then comes back when its lease ends.
    /// </summary>
    private async Task ProcessLoggedAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogCompleteFailed(logger, FunctionName, message.MessageId, e);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message's lease runs out and another instance takes it.
        }
    }

    /// <summary>Takes one batch and starts its invocations without waiting for them to finish.</summary>
    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        QueueMessage[] messages;
        try
        {
            messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, settings.MessageLease, cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }

        foreach (var message in messages)
        {
            var run = ProcessLoggedAsync(message, cancellationToken);
            _running[message.MessageId] = run;
            _ = run.ContinueWith(_ => _running.TryRemove(message.MessageId, out Task? _), TaskScheduler.Default);
        }

        return messages.Length;
    }

    // The host fetches a new batch once the running messages drop to newBatchThreshold.
    private async Task WaitForBatchRoomAsync(CancellationToken cancellationToken)
    {
        while (_running.Count > settings.EffectiveNewBatchThreshold)
        {
            await Task.WhenAny(_running.Values.Append(Task.Delay(MinimumPollingInterval, time, cancellationToken)));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        // A message already tried maxDequeueCount times (the last try crashed the process) is not tried again.
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, message.PopReceipt, cancellationToken);
            return;
        }

        var lease = new MessageLease(queue, message, settings.MessageLease, time);
        try
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await invoker.InvokeAsync(new FunctionCall(scope.ServiceProvider, cancellationToken)
                {
                    TriggerValue = message,
                    BindingData = BindingData(message),
                });
            }
            finally
            {
                await lease.DisposeAsync();
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogInvocationFailed(logger, FunctionName, message.MessageId, message.DequeueCount, e);
            await CompleteFailedAsync(message, lease.PopReceipt, cancellationToken);
            return;
        }

        try
        {
            await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            // The message comes back when its lease ends and the function runs again: as on the host, at least once.
            LogCompleteFailed(logger, FunctionName, message.MessageId, e);
        }
    }

    private async Task CompleteFailedAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, popReceipt, cancellationToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            // Storage is away: the message reappears when its lease ends, with its dequeue count, and is judged then.
            LogCompleteFailed(logger, FunctionName, message.MessageId, e);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
        LogMovedToPoison(logger, FunctionName, message.MessageId, message.DequeueCount, poisonQueue.Name);
    }

    private static Dictionary<string, object?> BindingData(QueueMessage message) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = message.MessageId,
        ["PopReceipt"] = message.PopReceipt,
        ["DequeueCount"] = message.DequeueCount,
        ["InsertionTime"] = message.InsertedOn,
        ["ExpirationTime"] = message.ExpiresOn,
        ["NextVisibleTime"] = message.NextVisibleOn,
    };

    // Randomised like the host's backoff, so several listeners do not poll in step.
    private static TimeSpan Jitter(TimeSpan delay) => TimeSpan.FromTicks((long)(delay.Ticks * (0.8 + (0.4 * Random.Shared.NextDouble()))));

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Queue trigger {FunctionName} listens on {Queue} (batch {BatchSize}, max dequeue {MaxDequeueCount}, max polling interval {MaxPollingInterval})")]
    private static partial void LogListening(ILogger logger, string functionName, string queue, int batchSize, int maxDequeueCount, TimeSpan maxPollingInterval);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Queue trigger {FunctionName} could not poll {Queue}: {Status} {ErrorCode}")]
    private static partial void LogPollFailed(ILogger logger, string functionName, string queue, int status, string? errorCode);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Queue trigger {FunctionName} could not reach {Queue}")]
    private static partial void LogPollError(ILogger logger, string functionName, string queue, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Function {FunctionName} failed on message {MessageId} (dequeue count {DequeueCount})")]
    private static partial void LogInvocationFailed(ILogger logger, string functionName, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Function {FunctionName}: message {MessageId} could not be completed; it comes back when its lease ends")]
    private static partial void LogCompleteFailed(ILogger logger, string functionName, string messageId, Exception exception);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Function {FunctionName}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} tries")]
    private static partial void LogMovedToPoison(ILogger logger, string functionName, string messageId, long dequeueCount, string poisonQueue);
}
