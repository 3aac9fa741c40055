using System.Net;
using System.Net.Sockets;
using ContactSpace.Bridge.DevHost;
using ContactSpace.Simulator.Hosting;
using ContactSpace.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>
/// The whole local stack over real HTTP, once per test collection: a real Azurite, the contactSPACE simulator
/// (in-process on a free loopback port) and the DevHost (Kestrel on a free loopback port) configured for both.
/// </summary>
public sealed class BridgeStack : IAsyncLifetime
{
    public const string SimulatorKey = "sim-local-key";
    public const string DemoRouteKey = "local-demo-route-key";
    public const string UnknownFieldRoute = "unknown-field";

    private AzuriteServer? _azurite;
    private WebApplication? _simulator;
    private WebApplication? _devHost;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    public WebApplication Simulator => _simulator ?? throw new InvalidOperationException("Not started.");

    public WebApplication DevHost => _devHost ?? throw new InvalidOperationException("Not started.");

    public Uri SimulatorUrl { get; private set; } = null!;

    /// <summary>The DevHost's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri DevHostUrl { get; private set; } = null!;

    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();

        var simulatorBuilder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Simulator:ApiKey", SimulatorKey]);
        simulatorBuilder.AddContactSpaceSimulator();
        _simulator = simulatorBuilder.Build();
        _simulator.MapContactSpaceSimulator();
        await _simulator.StartAsync();
        SimulatorUrl = new Uri(ServerAddress(_simulator) + "/");

        // The form's origin and redirect URLs name the DevHost, so its port is chosen first.
        var port = FreePort();
        DevHostUrl = new Uri($"http://127.0.0.1:{port}");
        var origin = DevHostUrl.GetLeftPart(UriPartial.Authority);
        var builder = DevHostApplication.CreateBuilder(["--urls", origin], loadLocalSettings: false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["ContactSpace:BaseUrl"] = SimulatorUrl.ToString(),
            ["ContactSpace:BetaBaseUrl"] = new Uri(SimulatorUrl, "beta/").ToString(),
            ["ContactSpace:ApiKey"] = SimulatorKey,
            ["Bridge:Delivery:Retry:InitialDelay"] = "00:00:01",
            ["Bridge:Routes:demo-form:AllowedOrigins:0"] = origin,
            ["Bridge:Routes:demo-form:SuccessUrl"] = origin + "/demo/thank-you.html",
            ["Bridge:Routes:demo-form:ErrorUrl"] = origin + "/demo/error.html",

            // A route whose mapping names a field the initiative does not have: contactSPACE refuses the insert.
            [$"Bridge:Routes:{UnknownFieldRoute}:Preset"] = "zapier",
            [$"Bridge:Routes:{UnknownFieldRoute}:DatasetId"] = "1",
            [$"Bridge:Routes:{UnknownFieldRoute}:InitiativeId"] = "1",
            [$"Bridge:Routes:{UnknownFieldRoute}:Auth:Scheme"] = "FunctionKey",
            [$"Bridge:Routes:{UnknownFieldRoute}:Auth:Secret"] = DemoRouteKey,
            [$"Bridge:Routes:{UnknownFieldRoute}:Fields:Favourite_Colour:Source"] = "colour",

            // The pollers' timers stay off: these tests are about intake and delivery, and a poll would spend simulator calls.
            ["AzureWebJobs.PollAgentStatus.Disabled"] = "true",
            ["AzureWebJobs.PollCallOutcomes.Disabled"] = "true",
        });
        _devHost = DevHostApplication.Build(builder);
        await _devHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_devHost is not null)
        {
            await _devHost.StopAsync();
            await _devHost.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.StopAsync();
            await _simulator.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    public Uri Api(string path) => new(DevHostUrl, "/api/" + path);

    private static string ServerAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class BridgeStackCollection : ICollectionFixture<BridgeStack>
{
    public const string Name = "BridgeStack";
}
