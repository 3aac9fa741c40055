namespace ContactSpace.Bridge.Delivery;

/// <summary>Where a lead is. Stored by name in the Leads table; see docs/delivery.md for the transitions.</summary>
public enum LeadState
{
    /// <summary>Stored, first attempt under way (or abandoned: a repeat or a queue message takes it over).</summary>
    Received,

    /// <summary>Waiting on the delivery queue for its next attempt.</summary>
    Queued,

    /// <summary>A contactSPACE record exists; <c>RecordId</c> says which. Final.</summary>
    Delivered,

    /// <summary>In the DeadLetters table with its reason; can be replayed or discarded.</summary>
    DeadLettered,

    /// <summary>An operator discarded the dead letter. Final.</summary>
    Discarded,
}

/// <summary>Why a lead became a dead letter.</summary>
public enum DeadLetterReason
{
    /// <summary>contactSPACE refused it for good (its message says why).</summary>
    Rejected,

    /// <summary>Transient failures went on past <see cref="RetryOptions.GiveUpAfter"/>.</summary>
    RetriesExhausted,

    /// <summary>The lead cannot be sent as mapped (e.g. a callback without a user); fix the route and replay.</summary>
    NotDeliverable,

    /// <summary>The Functions host gave up on its queue message (it landed in the poison queue).</summary>
    Poisoned,

    /// <summary>A queue message that could not be read or names no known lead; its text is kept.</summary>
    Unreadable,
}
