using System.Net.Sockets;
using Azure;

namespace ContactSpace.Bridge.Storage;

/// <summary>Tells "storage is unreachable or failing" apart from answers that mean something (404, 409, 412).</summary>
public static class StorageFailures
{
    /// <summary>True for failures that say nothing about the data: no connection, timeouts, 5xx, throttling.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        RequestFailedException => false,

        // Azure.Core throws an AggregateException when its retries are exhausted on transport failures.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        HttpRequestException or SocketException or IOException or TimeoutException => true,

        // The SDK's network timeout surfaces as a cancellation the caller did not ask for.
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>A table or queue that should exist does not (deleted, or an emulator restarted without its data).</summary>
    public static bool IsMissingResource(Exception exception) =>
        exception is RequestFailedException { Status: 404, ErrorCode: "TableNotFound" or "QueueNotFound" };

    public static bool IsConflict(Exception exception) => exception is RequestFailedException { Status: 409 };

    public static bool IsPreconditionFailed(Exception exception) => exception is RequestFailedException { Status: 412 };

    public static bool IsNotFound(Exception exception) => exception is RequestFailedException { Status: 404 };
}
