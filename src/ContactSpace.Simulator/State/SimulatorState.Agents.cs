using System.Globalization;

namespace ContactSpace.Simulator.State;

// Users, their statuses and the dialler's calls.
public sealed partial class SimulatorState
{
    public IReadOnlyList<SimUser> Users()
    {
        lock (_gate)
        {
            return _account.Users.Values.OrderBy(u => u.Id).Select(UserSnapshot).ToList();
        }
    }

    public SimUser GetUser(long userId)
    {
        lock (_gate)
        {
            return UserSnapshot(UserOf(userId));
        }
    }

    /// <summary>The account's statuses by id, as AgentStatusHistory's <c>statusid</c> names them.</summary>
    public IReadOnlyDictionary<long, string> Statuses()
    {
        lock (_gate)
        {
            return new SortedDictionary<long, string>(_account.Statuses);
        }
    }

    /// <summary>Moves an agent to another status (by name, case-insensitive), closing the current period.</summary>
    /// <exception cref="KeyNotFoundException">No such user.</exception>
    /// <exception cref="ArgumentException">No such status in the account.</exception>
    public SimUser SetAgentStatus(long userId, string status, long? callId = null)
    {
        lock (_gate)
        {
            if (!_account.Users.TryGetValue(userId, out var user))
            {
                throw new KeyNotFoundException($"There is no user {userId}.");
            }

            var statusId = _account.StatusIdOf(status) ?? throw new ArgumentException(
                $"'{status}' is not a status of the account; known: {string.Join(", ", _account.Statuses.Values)}.", nameof(status));
            var now = Now();
            user.History[^1].End = now;
            user.History.Add(new StatusPeriodData(statusId, now, callId));
            return UserSnapshot(user);
        }
    }

    /// <summary>AgentStatusHistory: the periods that began on <paramref name="date"/>, optionally of one status.</summary>
    public IReadOnlyList<SimStatusPeriod> StatusHistory(long userId, long? statusId, DateOnly date)
    {
        lock (_gate)
        {
            return UserOf(userId).History
                .Where(p => DateOnly.FromDateTime(p.Start) == date && (statusId is null || p.StatusId == statusId))
                .Select(PeriodSnapshot)
                .ToList();
        }
    }

    /// <summary>AgentFirstLastActivity: the start of the first and end of the last logged-in period of a day.</summary>
    public (DateTime Start, DateTime? End)? FirstLastActivity(long userId, DateOnly date)
    {
        lock (_gate)
        {
            var loggedOut = _account.StatusIdOf("Logged Out");
            var periods = UserOf(userId).History
                .Where(p => DateOnly.FromDateTime(p.Start) == date && p.StatusId != loggedOut)
                .ToList();
            return periods.Count == 0 ? null : (periods[0].Start, periods[^1].End);
        }
    }

    /// <summary>
    /// A call finishing on a record, as the dialler would record it: a new call id, the outcome on the record,
    /// one more attempt, and a recording.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such initiative, record, user or outcome.</exception>
    public SimCall CompleteCall(long initiativeId, long recordId, long userId, long outcomeId, DateTime? completedAt = null)
    {
        lock (_gate)
        {
            if (!_account.Initiatives.TryGetValue(initiativeId, out var initiative)
                || !initiative.Records.TryGetValue(recordId, out var record))
            {
                throw new KeyNotFoundException($"There is no record {recordId} in initiative {initiativeId}.");
            }

            if (!_account.Users.ContainsKey(userId))
            {
                throw new KeyNotFoundException($"There is no user {userId}.");
            }

            if (!initiative.Outcomes.Exists(o => o.Id == outcomeId))
            {
                throw new KeyNotFoundException($"Initiative {initiativeId} has no outcome {outcomeId}.");
            }

            // A time without a zone is taken as UTC, the zone every stored time is in.
            var when = completedAt switch
            {
                { Kind: DateTimeKind.Unspecified } unzoned => DateTime.SpecifyKind(unzoned, DateTimeKind.Utc),
                { } zoned => zoned.ToUniversalTime(),
                null => Now(),
            };
            var id = _account.NextCallId++;
            var recording = new Uri(
                _recordingBaseUrl,
                string.Create(CultureInfo.InvariantCulture, $"{when:yyyy/MMM/dd}/{initiativeId}-{recordId}-{id}.wav"));
            var call = new SimCall(id, initiativeId, recordId, userId, outcomeId, when, recording);
            _account.Calls.Add(id, call);
            record.OutcomeId = outcomeId;
            record.OutcomeUpdatedAt = record.ModifiedAt = when;
            record.Attempts++;
            record.LastCallId = id;
            return call;
        }
    }

    public IReadOnlyList<SimCall> Calls()
    {
        lock (_gate)
        {
            return _account.Calls.Values.OrderBy(c => c.Id).ToList();
        }
    }

    /// <summary>GetLastCall: the calls made on a record, oldest first.</summary>
    public IReadOnlyList<SimCall> CallsOnRecord(long initiativeId, long recordId)
    {
        lock (_gate)
        {
            _ = RecordOf(InitiativeOf(initiativeId), recordId);
            return _account.Calls.Values
                .Where(c => c.InitiativeId == initiativeId && c.RecordId == recordId)
                .OrderBy(c => c.CompletedAt).ThenBy(c => c.Id)
                .ToList();
        }
    }

    /// <summary>GetCallIDs: calls of an initiative completed within [from, to].</summary>
    public IReadOnlyList<long> CallIds(long initiativeId, DateTime from, DateTime to)
    {
        lock (_gate)
        {
            _ = InitiativeOf(initiativeId);
            return _account.Calls.Values
                .Where(c => c.InitiativeId == initiativeId && c.CompletedAt >= from && c.CompletedAt <= to)
                .OrderBy(c => c.Id)
                .Select(c => c.Id)
                .ToList();
        }
    }

    public Uri GetRecordingUrl(long callId)
    {
        lock (_gate)
        {
            return CallOf(callId).RecordingUrl;
        }
    }

    public string GetAgentStatus(long userId)
    {
        lock (_gate)
        {
            return UserSnapshot(UserOf(userId)).Status;
        }
    }

    private UserData UserOf(long userId) => _account.Users.TryGetValue(userId, out var user)
        ? user
        : throw new ContactSpaceFailureException("Invalid user ID");

    private SimUser UserSnapshot(UserData user)
        => new(user.Id, user.Email, user.FirstName, user.Surname, _account.Statuses[user.History[^1].StatusId]);

    private SimStatusPeriod PeriodSnapshot(StatusPeriodData period)
        => new(period.StatusId, _account.Statuses[period.StatusId], period.Start, period.End, period.CallId);
}
