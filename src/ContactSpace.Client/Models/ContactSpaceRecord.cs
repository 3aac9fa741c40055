using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ContactSpace.Client;

/// <summary>A record of an initiative: its contactSPACE id (when the answer carries one) and its fields.</summary>
/// <param name="Id">The record id (<c>Id</c> element), or null when the answer has none.</param>
/// <param name="Fields">
/// Every field of the record as contactSPACE returned it, by field name (case-sensitive): the initiative's own
/// fields and contactSPACE's columns (outcome, attempts, flags). <see cref="InitiativeFields"/> holds only the former.
/// </param>
public sealed partial record ContactSpaceRecord(long? Id, IReadOnlyDictionary<string, string> Fields)
{
    // The columns contactSPACE adds to every record (the guide's SearchRecord sample), plus the agent columns of
    // GetDataWithAgent.
    private static readonly FrozenSet<string> _systemColumns = FrozenSet.Create(
        StringComparer.Ordinal,
        "OutcomeId", "OutcomeUpdateDateTime", "Assigned", "Attempts", "Outcome", "IsContact", "IsComplete",
        "IsDMContact", "IsEmail", "IsAgentCallback", "IsInitiativeCallback", "AgentId", "AgentName");

    /// <summary>The initiative's own fields: <see cref="Fields"/> without contactSPACE's columns (computed on each read).</summary>
    public IReadOnlyDictionary<string, string> InitiativeFields =>
        Fields.Where(f => !IsSystemColumn(f.Key)).ToDictionary(StringComparer.Ordinal);

    /// <summary>True for a column contactSPACE adds to every record (e.g. <c>Attempts</c>, <c>cs_201_original_id</c>).</summary>
    public static bool IsSystemColumn(string name) => _systemColumns.Contains(name) || OriginalIdColumn().IsMatch(name);

    [GeneratedRegex("^cs_[0-9]+_original_id$", RegexOptions.CultureInvariant)]
    private static partial Regex OriginalIdColumn();
}
