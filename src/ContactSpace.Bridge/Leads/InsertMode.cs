namespace ContactSpace.Bridge.Leads;

/// <summary>Which contactSPACE function turns a lead into a record.</summary>
public enum InsertMode
{
    /// <summary><c>InsertRecord</c>, or <c>InsertRecordWithCallback</c> when the lead carries a callback time.</summary>
    Auto = 0,

    /// <summary>Always <c>InsertRecord</c>.</summary>
    InsertRecord,

    /// <summary><c>InsertRecordWithCallback</c>: needs a callback time and a user.</summary>
    InsertRecordWithCallback,

    /// <summary><c>InsertNextRecord</c> for a configured user (hot leads).</summary>
    InsertNextRecord,

    /// <summary><c>InsertNextRecord</c> for the available agent who has waited longest, else <c>InsertRecord</c>.</summary>
    HotLead,
}
