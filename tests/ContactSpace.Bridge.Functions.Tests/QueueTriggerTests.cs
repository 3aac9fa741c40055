using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ContactSpace.Bridge.DevHost.Invocation;
using ContactSpace.Bridge.DevHost.Metadata;
using ContactSpace.Bridge.DevHost.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>The DevHost's queue trigger against a real Azurite: dequeue counts, retries after the visibility timeout, the poison move.</summary>
[Collection(BridgeStackCollection.Name)]
public sealed class QueueTriggerTests(BridgeStack stack) : IDisposable
{
    private static readonly QueueSettings _settings = new()
    {
        BatchSize = 4,
        MaxDequeueCount = 3,
        VisibilityTimeout = TimeSpan.Zero,
        MaxPollingInterval = TimeSpan.FromSeconds(1),
    };

    private readonly string _queueName = "devhost-" + Guid.NewGuid().ToString("N")[..12];
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    [Fact]
    public async Task A_message_is_passed_with_its_dequeue_count_and_deleted_after_success()
    {
        var (listener, queue, _) = await CreateAsync();
        var text = "ok-" + Guid.NewGuid();
        await queue.SendMessageAsync(text);

        Assert.Equal(1, await listener.PollOnceAsync(CancellationToken.None));

        Assert.Equal([1L], RecordingQueueFunction.DequeueCounts(text));
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task A_failing_message_is_tried_max_dequeue_count_times_then_moved_to_the_poison_queue()
    {
        var (listener, queue, poison) = await CreateAsync();
        var text = "fail-" + Guid.NewGuid();
        await queue.SendMessageAsync(text);

        for (var i = 0; i < _settings.MaxDequeueCount; i++)
        {
            Assert.Equal(1, await listener.PollOnceAsync(CancellationToken.None));
        }

        Assert.Equal([1L, 2L, 3L], RecordingQueueFunction.DequeueCounts(text));
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
        var poisoned = Assert.Single((await poison.PeekMessagesAsync(10)).Value);
        Assert.Equal(text, poisoned.MessageText);

        // On the wire the poison message is Base64, as the Functions host writes it.
        var raw = new QueueClient(stack.Azurite.ConnectionString, poison.Name);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), Assert.Single((await raw.PeekMessagesAsync(10)).Value).MessageText);
    }

    [Fact]
    public async Task A_message_that_already_used_up_its_tries_goes_to_poison_without_running()
    {
        var (listener, queue, poison) = await CreateAsync();
        var text = "ok-" + Guid.NewGuid();
        await queue.SendMessageAsync(text);

        // Three receives without completing (a crashed process each time) use up the tries; the shortest lease is 1 s.
        for (var i = 0; i < _settings.MaxDequeueCount; i++)
        {
            var message = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(1))).Value;
            Assert.NotNull(message);
            await Task.Delay(TimeSpan.FromMilliseconds(1100));
        }

        Assert.Equal(1, await listener.PollOnceAsync(CancellationToken.None));

        Assert.Empty(RecordingQueueFunction.DequeueCounts(text));
        Assert.Equal(text, Assert.Single((await poison.PeekMessagesAsync(10)).Value).MessageText);
    }

    [Fact]
    public async Task The_listener_picks_up_a_message_sent_while_it_runs()
    {
        var (listener, queue, _) = await CreateAsync();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var text = "ok-" + Guid.NewGuid();
            await queue.SendMessageAsync(text);
            for (var i = 0; i < 100 && RecordingQueueFunction.DequeueCounts(text).Count == 0; i++)
            {
                await Task.Delay(50);
            }

            Assert.Equal([1L], RecordingQueueFunction.DequeueCounts(text));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_slow_invocation_does_not_hold_up_messages_that_arrive_meanwhile()
    {
        var (listener, queue, _) = await CreateAsync();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var slow = "slow-" + Guid.NewGuid();
            await queue.SendMessageAsync(slow);
            await WaitUntilAsync(() => RecordingQueueFunction.DequeueCounts(slow).Count > 0);

            var quick = "ok-" + Guid.NewGuid();
            await queue.SendMessageAsync(quick);
            await WaitUntilAsync(() => RecordingQueueFunction.DequeueCounts(quick).Count > 0);

            Assert.False(RecordingQueueFunction.Finished(slow), "The quick message should run while the slow one still runs.");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_running_message_keeps_its_lease_past_the_lease_length_and_is_deleted_when_done()
    {
        var (listener, queue, _) = await CreateAsync(_settings with { MessageLease = TimeSpan.FromSeconds(1) });
        var slow = "slow-" + Guid.NewGuid();
        await queue.SendMessageAsync(slow);

        var run = listener.PollOnceAsync(CancellationToken.None);
        await WaitUntilAsync(() => RecordingQueueFunction.DequeueCounts(slow).Count > 0);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Twice the lease into a 3 s run: renewed, so nobody else can take the message.
        Assert.Null((await queue.ReceiveMessageAsync()).Value);
        Assert.Equal(1, await run);
        Assert.True(RecordingQueueFunction.Finished(slow));
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
        Assert.Equal([1L], RecordingQueueFunction.DequeueCounts(slow));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "The listener did not get there within 5 s.");
    }

    public void Dispose()
    {
        _services.Dispose();
    }

    private async Task<(QueueTriggerListener Listener, QueueClient Queue, QueueClient Poison)> CreateAsync(QueueSettings? settings = null)
    {
        settings ??= _settings;
        var queue = QueueTriggerListener.CreateClient(stack.Azurite.ConnectionString, _queueName, _settings);
        var poison = QueueTriggerListener.CreateClient(stack.Azurite.ConnectionString, _queueName + QueueTriggerListener.PoisonSuffix, _settings);
        await queue.CreateIfNotExistsAsync();
        var function = new FunctionDescriptor
        {
            Name = "Recording",
            ScriptFile = "ContactSpace.Bridge.Functions.Tests.dll",
            EntryPoint = typeof(RecordingQueueFunction).FullName + "." + nameof(RecordingQueueFunction.Run),
            Bindings = [new BindingDescriptor { Name = "message", Type = BindingDescriptor.QueueTrigger, QueueName = _queueName }],
        };
        var listener = new QueueTriggerListener(
            new FunctionInvoker(function), queue, poison, settings, _services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System,
            NullLogger<QueueTriggerListener>.Instance);
        return (listener, queue, poison);
    }
}

/// <summary>A queue function that records the dequeue count it was given and fails for messages starting with "fail".</summary>
public sealed class RecordingQueueFunction
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _calls = new();

    public static IReadOnlyList<long> DequeueCounts(string text) => _calls.TryGetValue(text, out var calls) ? [.. calls] : [];

    public static async Task Run(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _calls.GetOrAdd(message.MessageText, _ => new ConcurrentQueue<long>()).Enqueue(message.DequeueCount);
        if (message.MessageText.StartsWith("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("This message always fails.");
        }

        if (message.MessageText.StartsWith("slow", StringComparison.Ordinal))
        {
            await Task.Delay(SlowRun);
            _finished.TryAdd(message.MessageText, 0);
        }
    }

    /// <summary>How long a message starting with "slow" runs.</summary>
    public static readonly TimeSpan SlowRun = TimeSpan.FromSeconds(3);

    private static readonly ConcurrentDictionary<string, byte> _finished = new();

    public static bool Finished(string text) => _finished.ContainsKey(text);
}
