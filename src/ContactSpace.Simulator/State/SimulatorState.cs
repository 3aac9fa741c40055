using ContactSpace.Simulator.Seed;

namespace ContactSpace.Simulator.State;

/// <summary>
/// The simulated contactSPACE account: initiatives, datasets, records, users, calls, CLIs and skills.
/// One lock guards everything, so concurrent inserts get unique ids and readers see whole writes.
/// Refusals the real service would answer with a message throw <see cref="ContactSpaceFailureException"/>.
/// </summary>
public sealed partial class SimulatorState
{
    private readonly Lock _gate = new();
    private readonly SimulatorSeed _seed;
    private readonly TimeProvider _time;
    private readonly Uri _recordingBaseUrl;
    private Account _account;

    public SimulatorState(SimulatorSeed seed, TimeProvider time, Uri recordingBaseUrl)
    {
        _seed = seed;
        _time = time;
        _recordingBaseUrl = recordingBaseUrl;
        _account = Account.FromSeed(seed, Now());
        SeedRecords();
    }

    /// <summary>Back to the seed: everything written since is gone.</summary>
    public void Reset()
    {
        var fresh = Account.FromSeed(_seed, Now());

        // Seed records under the same (re-entrant) lock, so no concurrent insert can take their ids.
        lock (_gate)
        {
            _account = fresh;
            SeedRecords();
        }
    }

    public IReadOnlyList<SimInitiative> Initiatives()
    {
        lock (_gate)
        {
            return _account.Initiatives.Values.OrderBy(i => i.Id).Select(i => i.Snapshot()).ToList();
        }
    }

    public SimInitiative GetInitiative(long initiativeId)
    {
        lock (_gate)
        {
            return InitiativeOf(initiativeId).Snapshot();
        }
    }

    public IReadOnlyList<SimDataset> Datasets()
    {
        lock (_gate)
        {
            return _account.Datasets.Values.OrderBy(d => d.Id).ToList();
        }
    }

    public SimDataset CreateDataSet(long initiativeId, string name, bool active)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ContactSpaceFailureException("Missing parameter: datasetname");
        }

        lock (_gate)
        {
            InitiativeOf(initiativeId);
            var dataset = new SimDataset(_account.NextDatasetId++, initiativeId, name, active);
            _account.Datasets.Add(dataset.Id, dataset);
            return dataset;
        }
    }

    /// <summary>
    /// InsertRecord, InsertNextRecord (with <paramref name="assignedUserId"/>) and InsertRecordWithCallback
    /// (with both). Ids count up per initiative.
    /// </summary>
    public SimRecord InsertRecord(
        long datasetId,
        IReadOnlyList<KeyValuePair<string, string>> fields,
        long? assignedUserId = null,
        DateTime? callbackAt = null)
    {
        lock (_gate)
        {
            if (!_account.Datasets.TryGetValue(datasetId, out var dataset))
            {
                throw new ContactSpaceFailureException("Invalid dataset ID");
            }

            if (assignedUserId is { } userId && !_account.Users.ContainsKey(userId))
            {
                throw new ContactSpaceFailureException("Invalid user ID");
            }

            var initiative = InitiativeOf(dataset.InitiativeId);
            CheckFields(initiative, fields);
            var record = new RecordData(initiative.NextRecordId++, initiative.Id, datasetId, Now())
            {
                AssignedUserId = assignedUserId,
                CallbackAt = callbackAt,
            };
            foreach (var (name, value) in fields)
            {
                record.Values[name] = value;
            }

            initiative.Records.Add(record.Id, record);
            return Snapshot(record);
        }
    }

    public SimRecord UpdateRecord(long initiativeId, long recordId, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        lock (_gate)
        {
            var initiative = InitiativeOf(initiativeId);
            var record = RecordOf(initiative, recordId);
            CheckFields(initiative, fields);
            foreach (var (name, value) in fields)
            {
                record.Values[name] = value;
            }

            record.ModifiedAt = Now();
            return Snapshot(record);
        }
    }

    /// <summary>SetValue: one field of the record a call was made on.</summary>
    public SimRecord SetValueByCall(long callId, string field, string value)
    {
        lock (_gate)
        {
            var call = CallOf(callId);
            var initiative = InitiativeOf(call.InitiativeId);
            var record = RecordOf(initiative, call.RecordId);
            CheckFields(initiative, [new(field, value)]);
            record.Values[field] = value;
            record.ModifiedAt = Now();
            return Snapshot(record);
        }
    }

    public SimRecord GetRecordByCall(long callId)
    {
        lock (_gate)
        {
            var call = CallOf(callId);
            return Snapshot(RecordOf(InitiativeOf(call.InitiativeId), call.RecordId));
        }
    }

    /// <summary>GetData: the initiative's records written (inserted, updated or called) between two dates, inclusive.</summary>
    public IReadOnlyList<SimRecord> RecordsModifiedBetween(long initiativeId, DateOnly from, DateOnly to)
    {
        var start = from.ToDateTime(TimeOnly.MinValue);
        var end = to.ToDateTime(TimeOnly.MaxValue);
        lock (_gate)
        {
            return InitiativeOf(initiativeId).Records.Values
                .Where(r => r.ModifiedAt >= start && r.ModifiedAt <= end)
                .OrderBy(r => r.Id)
                .Select(Snapshot)
                .ToList();
        }
    }

    /// <summary>SearchRecord: by initiative and/or dataset, and exact matches on field values.</summary>
    public IReadOnlyList<SimRecord> SearchRecords(
        long? initiativeId, long? datasetId, IReadOnlyList<KeyValuePair<string, string>> match)
    {
        if (initiativeId is null && datasetId is null)
        {
            throw new ContactSpaceFailureException("Missing parameter: initiativeid");
        }

        lock (_gate)
        {
            if (datasetId is { } id && !_account.Datasets.ContainsKey(id))
            {
                throw new ContactSpaceFailureException("Invalid dataset ID");
            }

            var initiative = InitiativeOf(initiativeId ?? _account.Datasets[datasetId!.Value].InitiativeId);
            foreach (var (name, _) in match)
            {
                if (!initiative.FieldsByName.ContainsKey(name))
                {
                    throw ContactSpaceFailureException.UnknownColumn(name, "where clause");
                }
            }

            // A plain scan: load tests search while inserting, so keep the time under the lock small.
            var found = new List<SimRecord>();
            foreach (var record in initiative.Records.Values)
            {
                if ((datasetId is null || record.DatasetId == datasetId) && Matches(record, match))
                {
                    found.Add(Snapshot(record));
                }
            }

            found.Sort((a, b) => a.Id.CompareTo(b.Id));
            return found;
        }
    }

    /// <summary>Exact, case-sensitive equality on every given field; an empty value matches a field never set.</summary>
    private static bool Matches(RecordData record, IReadOnlyList<KeyValuePair<string, string>> match)
    {
        for (var i = 0; i < match.Count; i++)
        {
            var (name, wanted) = match[i];
            var actual = record.Values.TryGetValue(name, out var value) ? value : string.Empty;
            if (!string.Equals(actual, wanted, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every record of one initiative (or all), as stored: for tests and operators.</summary>
    public IReadOnlyList<SimRecord> Records(long? initiativeId = null)
    {
        lock (_gate)
        {
            return _account.Initiatives.Values
                .Where(i => initiativeId is null || i.Id == initiativeId)
                .OrderBy(i => i.Id)
                .SelectMany(i => i.Records.Values.OrderBy(r => r.Id))
                .Select(Snapshot)
                .ToList();
        }
    }

    public IReadOnlyList<SimOutcome> GetOutcomes(long initiativeId)
    {
        lock (_gate)
        {
            return InitiativeOf(initiativeId).Outcomes.ToList();
        }
    }

    public void UpdateOutcome(long initiativeId, long recordId, long outcomeId)
    {
        lock (_gate)
        {
            var initiative = InitiativeOf(initiativeId);
            var record = RecordOf(initiative, recordId);
            _ = OutcomeOf(initiative, outcomeId);
            record.OutcomeId = outcomeId;
            record.OutcomeUpdatedAt = record.ModifiedAt = Now();
        }
    }

    private void SeedRecords()
    {
        foreach (var record in _seed.Records)
        {
            try
            {
                InsertRecord(record.DatasetId, record.Fields.ToList());
            }
            catch (ContactSpaceFailureException ex)
            {
                throw new InvalidOperationException($"Seed: a record for dataset {record.DatasetId} is refused: {ex.Message}", ex);
            }
        }
    }

    private static void CheckFields(InitiativeData initiative, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, value) in fields)
        {
            if (!initiative.FieldsByName.TryGetValue(name, out var definition))
            {
                throw ContactSpaceFailureException.UnknownColumn(name);
            }

            definition.Check(value);
        }
    }

    private DateTime Now()
    {
        // The service answers in whole seconds; keep stored times comparable with what was rendered.
        var now = _time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private InitiativeData InitiativeOf(long initiativeId) => _account.Initiatives.TryGetValue(initiativeId, out var initiative)
        ? initiative
        : throw new ContactSpaceFailureException("Invalid initiative ID");

    private static RecordData RecordOf(InitiativeData initiative, long recordId) => initiative.Records.TryGetValue(recordId, out var record)
        ? record
        : throw new ContactSpaceFailureException("Invalid record ID");

    private static SimOutcome OutcomeOf(InitiativeData initiative, long outcomeId) => initiative.Outcomes.Find(o => o.Id == outcomeId)
        ?? throw new ContactSpaceFailureException("Invalid outcome ID");

    private SimCall CallOf(long callId) => _account.Calls.TryGetValue(callId, out var call)
        ? call
        : throw new ContactSpaceFailureException("Invalid call ID");

    private SimRecord Snapshot(RecordData record)
    {
        var initiative = _account.Initiatives[record.InitiativeId];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in initiative.Fields)
        {
            if (record.Values.TryGetValue(field.Name, out var value))
            {
                fields[field.Name] = value;
            }
        }

        var outcome = record.OutcomeId is { } outcomeId ? initiative.Outcomes.Find(o => o.Id == outcomeId) : null;
        var lastCall = record.LastCallId is { } callId ? _account.Calls[callId] : null;
        return new SimRecord(
            record.Id, record.InitiativeId, record.DatasetId, fields, outcome, record.OutcomeUpdatedAt, record.Attempts,
            record.AssignedUserId, record.CallbackAt, lastCall, record.CreatedAt, record.ModifiedAt);
    }
}
