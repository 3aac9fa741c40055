namespace ContactSpace.Simulator.Faults;

/// <summary>What goes wrong with a call a fault rule catches.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500, nothing applied.</summary>
    Http500,

    /// <summary>HTTP 503, nothing applied.</summary>
    Http503,

    /// <summary>HTTP 429 with Retry-After, nothing applied.</summary>
    Http429,

    /// <summary>Waits the rule's milliseconds, then answers normally.</summary>
    Latency,

    /// <summary>Never answers: waits until the caller gives up, then drops the connection. Nothing applied.</summary>
    Hang,

    /// <summary>Aborts the connection before applying anything.</summary>
    Drop,

    /// <summary>Applies the call (an insert lands), then aborts the connection: the ambiguous case.</summary>
    DropAfterApply,

    /// <summary>Applies the call, then answers HTTP 200 with the answer cut in half.</summary>
    MalformedXml,

    /// <summary>Answers HTTP 200 with the rule's message as a contactSPACE failure, nothing applied.</summary>
    ErrorMessage,
}
