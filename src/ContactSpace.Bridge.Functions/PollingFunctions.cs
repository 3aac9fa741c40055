using ContactSpace.Bridge.Polling;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ContactSpace.Bridge.Functions;

/// <summary>The two pollers on their timers; schedules are the app settings AgentStatusSchedule and CallOutcomeSchedule.</summary>
public sealed partial class PollingFunctions(AgentStatusPoller agentStatus, CallOutcomePoller callOutcomes, ILogger<PollingFunctions> logger)
{
    [Function(nameof(PollAgentStatus))]
    public async Task PollAgentStatus([TimerTrigger("%AgentStatusSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var result = await agentStatus.RunCycleAsync(timer.IsPastDue, cancellationToken);
        LogAgentStatusCycle(logger, result.Ran, result.AgentsChecked, result.StatusChanges, result.Failures, timer.IsPastDue);
    }

    [Function(nameof(PollCallOutcomes))]
    public async Task PollCallOutcomes([TimerTrigger("%CallOutcomeSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var result = await callOutcomes.RunCycleAsync(timer.IsPastDue, cancellationToken);
        LogCallOutcomeCycle(logger, result.Ran, result.LeadsPolled, result.NewOutcomes, result.Stopped, result.Failures, timer.IsPastDue);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Agent status cycle: ran {Ran}, {AgentsChecked} agents checked, {StatusChanges} changes, {Failures} failures (past due {IsPastDue})")]
    private static partial void LogAgentStatusCycle(ILogger logger, bool ran, int agentsChecked, int statusChanges, int failures, bool isPastDue);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Call outcome cycle: ran {Ran}, {LeadsPolled} leads polled, {NewOutcomes} new outcomes, {Stopped} finished, {Failures} failures (past due {IsPastDue})")]
    private static partial void LogCallOutcomeCycle(ILogger logger, bool ran, int leadsPolled, int newOutcomes, int stopped, int failures, bool isPastDue);
}
