namespace ContactSpace.Client;

/// <summary>A record of an initiative: its contactSPACE id (when the answer carries one) and the initiative's own fields.</summary>
/// <param name="Id">The record id (<c>Id</c> element), or null when the answer has none.</param>
/// <param name="Fields">Every field of the record as contactSPACE returned it, by field name (case-sensitive).</param>
public sealed record ContactSpaceRecord(long? Id, IReadOnlyDictionary<string, string> Fields);
