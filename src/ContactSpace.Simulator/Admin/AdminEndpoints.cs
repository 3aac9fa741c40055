using ContactSpace.Simulator.Calls;
using ContactSpace.Simulator.Faults;
using ContactSpace.Simulator.State;

namespace ContactSpace.Simulator.Admin;

/// <summary>Body of <c>POST /_sim/users/{id}/status</c>.</summary>
public sealed record StatusChange(string Status, long? CallId);

/// <summary>Body of <c>POST /_sim/calls/complete</c>.</summary>
public sealed record CallCompletion(long InitiativeId, long RecordId, long UserId, long OutcomeId, DateTime? CompletedAt);

/// <summary>The test and operator endpoints under <c>/_sim/</c> (JSON). Never subject to faults, never logged as calls.</summary>
public static class AdminEndpoints
{
    public const string BasePath = "/_sim";

    public static IEndpointRouteBuilder MapSimulatorAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(BasePath);

        admin.MapPost("/faults", (FaultRule rule, FaultInjector faults) =>
        {
            try
            {
                var active = faults.Add(rule);
                return Results.Created($"{BasePath}/faults/{active.Id}", active);
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(title: "The fault cannot be used", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        admin.MapGet("/faults", (FaultInjector faults) => faults.Active());
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/calls", (CallLog log) => log.Calls);
        admin.MapDelete("/calls", (CallLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
        admin.MapPost("/calls/complete", (CallCompletion completion, SimulatorState state) =>
        {
            try
            {
                var call = state.CompleteCall(
                    completion.InitiativeId, completion.RecordId, completion.UserId, completion.OutcomeId, completion.CompletedAt);
                return Results.Created($"{BasePath}/calls/{call.Id}", call);
            }
            catch (KeyNotFoundException ex)
            {
                return Results.Problem(title: "Nothing to call", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
        });

        admin.MapGet("/records", (long? initiativeId, SimulatorState state) => state.Records(initiativeId));
        admin.MapGet("/initiatives", (SimulatorState state) => state.Initiatives());
        admin.MapGet("/datasets", (SimulatorState state) => state.Datasets());
        admin.MapGet("/users", (SimulatorState state) => state.Users());
        admin.MapPost("/users/{id:long}/status", (long id, StatusChange change, SimulatorState state) =>
        {
            try
            {
                return Results.Ok(state.SetAgentStatus(id, change.Status, change.CallId));
            }
            catch (KeyNotFoundException ex)
            {
                return Results.Problem(title: "No such user", detail: ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(title: "No such status", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });

        admin.MapPost("/reset", (SimulatorState state, FaultInjector faults, CallLog log) =>
        {
            state.Reset();
            faults.Clear();
            log.Clear();
            return Results.NoContent();
        });
        return endpoints;
    }
}
