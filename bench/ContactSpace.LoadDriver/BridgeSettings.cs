using System.Globalization;

namespace ContactSpace.LoadDriver;

/// <summary>Environment for the simulator and the DevHost children: one route, the simulator as contactSPACE, quiet timers and logs.</summary>
internal static class BridgeSettings
{
    public const string Route = "load";
    public const string RouteKey = "load-route-key";
    private const string SimulatorApiKey = "load-sim-key";

    public static Dictionary<string, string> Simulator() => new()
    {
        ["Simulator__ApiKey"] = SimulatorApiKey,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <param name="storage">Azurite's connection string.</param>
    /// <param name="simulator">The simulator's base address.</param>
    /// <param name="queueTriggerOff">Leaves the delivery queue alone, so only intake is measured.</param>
    public static Dictionary<string, string> DevHost(string storage, Uri simulator, bool queueTriggerOff)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage,
            ["ContactSpace__BaseUrl"] = simulator.ToString(),
            ["ContactSpace__BetaBaseUrl"] = new Uri(simulator, "beta/").ToString(),
            ["ContactSpace__ApiKey"] = SimulatorApiKey,
            ["ContactSpace__MaxRequestsPerSecond"] = "1000",
            ["AgentStatusSchedule"] = "0 0 0 1 1 *",
            ["CallOutcomeSchedule"] = "0 0 0 1 1 *",
            // Per-lead Information logs would be measured as the bridge's own cost; production ships them to
            // Application Insights off the request path. Warnings and errors still show.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Bridge__Routes__load__DatasetId"] = "1",
            ["Bridge__Routes__load__InitiativeId"] = "1",
            ["Bridge__Routes__load__Mode"] = "InsertRecord",
            ["Bridge__Routes__load__DedupeField"] = "Lead_ID",
            ["Bridge__Routes__load__Auth__Scheme"] = "FunctionKey",
            ["Bridge__Routes__load__Auth__Secret"] = RouteKey,
            ["Bridge__Routes__load__Fields__First_Name__Source"] = "firstName",
            ["Bridge__Routes__load__Fields__Surname__Source"] = "lastName",
            ["Bridge__Routes__load__Fields__Email_Address__Source"] = "email",
            ["Bridge__Routes__load__Fields__Mobile_Phone__Source"] = "phone",
            ["Bridge__Routes__load__Fields__Mobile_Phone__Transform"] = "phone",
        };
        if (queueTriggerOff)
        {
            settings["AzureWebJobs.DeliverLead.Disabled"] = true.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
