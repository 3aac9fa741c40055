using ContactSpace.Bridge.DevHost.Metadata;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>The build's functions.metadata is what the Functions host loads: every function with the agreed trigger.</summary>
public class FunctionsMetadataTests
{
    private static readonly FunctionMetadataCatalog _catalog =
        FunctionMetadataCatalog.Load(Path.Combine(AppContext.BaseDirectory, FunctionMetadataCatalog.FileName));

    [Theory]
    [InlineData("ReceiveLead", "leads/{route}", "post,options", "Anonymous")]
    [InlineData("GetLead", "leads/{leadId}", "get", "Function")]
    [InlineData("ListDeadLetters", "ops/dead-letters", "get", "Admin")]
    [InlineData("GetDeadLetter", "ops/dead-letters/{id}", "get", "Admin")]
    [InlineData("ReplayDeadLetters", "ops/dead-letters/replay", "post", "Admin")]
    [InlineData("DiscardDeadLetter", "ops/dead-letters/{id}", "delete", "Admin")]
    [InlineData("ReceiveCallNotification", "contactspace/calls", "post", "Anonymous")]
    [InlineData("ListAgents", "agents", "get", "Function")]
    [InlineData("GetAgentHistory", "agents/{userId}/history", "get", "Function")]
    [InlineData("Health", "health", "get", "Anonymous")]
    public void Http_functions_have_the_agreed_route_methods_and_auth_level(string name, string route, string methods, string authLevel)
    {
        var trigger = _catalog.Get(name).Trigger;
        Assert.Equal(BindingDescriptor.HttpTrigger, trigger.Type);
        Assert.Equal(route, trigger.Route);
        Assert.Equal(methods.Split(','), trigger.Methods);
        Assert.Equal(authLevel, trigger.AuthLevel);
    }

    [Theory]
    [InlineData("DeliverLead", "lead-delivery")]
    [InlineData("DrainPoisonLeads", "lead-delivery-poison")]
    public void Queue_functions_listen_on_the_agreed_queues(string name, string queue)
    {
        var trigger = _catalog.Get(name).Trigger;
        Assert.Equal(BindingDescriptor.QueueTrigger, trigger.Type);
        Assert.Equal(queue, trigger.QueueName);
    }

    [Theory]
    [InlineData("PollAgentStatus", "%AgentStatusSchedule%")]
    [InlineData("PollCallOutcomes", "%CallOutcomeSchedule%")]
    [InlineData("PurgePersonalData", "0 17 * * * *")]
    public void Timer_functions_run_on_the_agreed_schedules(string name, string schedule)
    {
        var trigger = _catalog.Get(name).Trigger;
        Assert.Equal(BindingDescriptor.TimerTrigger, trigger.Type);
        Assert.Equal(schedule, trigger.Schedule);
    }

    [Fact]
    public void Nothing_else_is_declared()
    {
        string[] expected =
        [
            "ReceiveLead", "GetLead", "DeliverLead", "DrainPoisonLeads", "ListDeadLetters", "GetDeadLetter", "ReplayDeadLetters",
            "DiscardDeadLetter", "PollAgentStatus", "PollCallOutcomes", "PurgePersonalData", "ReceiveCallNotification", "ListAgents",
            "GetAgentHistory", "Health",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), _catalog.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_entry_point_is_a_method_of_the_functions_assembly()
    {
        foreach (var function in _catalog.Functions)
        {
            Assert.Equal("ContactSpace.Bridge.Functions.dll", function.ScriptFile);
            var invoker = new DevHost.Invocation.FunctionInvoker(function);
            Assert.Equal(function.Name, invoker.Method.Name);
        }
    }
}
