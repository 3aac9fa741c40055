using Azure.Core;
using Azure.Core.Pipeline;

namespace ContactSpace.LoadDriver.Polling;

/// <summary>Counts storage requests sent by the table client: each is one billed table transaction (a batch included).</summary>
internal sealed class TransactionCounter : HttpPipelinePolicy
{
    private int _reads;
    private int _writes;

    public int Reads => Volatile.Read(ref _reads);

    public int Total => Volatile.Read(ref _reads) + Volatile.Read(ref _writes);

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _writes, 0);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get)
        {
            Interlocked.Increment(ref _reads);
        }
        else
        {
            Interlocked.Increment(ref _writes);
        }
    }
}
