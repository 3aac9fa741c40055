using System.Xml.Linq;
using ContactSpace.Simulator.Faults;

namespace ContactSpace.Simulator.Tests;

/// <summary>The simulator on a real socket, as a client outside the process sees it.</summary>
public sealed class KestrelTests : IDisposable
{
    // A dynamic port through "urls": UseKestrel(0) re-binds after the minimal host has started and can race.
    private readonly SimulatorFactory _factory = SimulatorFactory.WithSettings(new()
    {
        ["Simulator:Port"] = string.Empty,
        ["urls"] = "http://127.0.0.1:0",
    });

    public KestrelTests()
    {
        _factory.UseKestrel();
        _factory.StartServer();
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Calls_over_a_socket_are_served()
    {
        var api = _factory.Api();

        var answer = await api.XmlAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><Surname>Net</Surname></record>"));

        // TestServer's address is http://localhost/ (port 80); Kestrel's is the dynamic port it bound.
        Assert.NotEqual(80, api.Http.BaseAddress!.Port);
        Assert.Equal("Success", answer.Descendants("message").Single().Value);
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_HttpRequestException()
    {
        var api = _factory.Api();
        _factory.Faults.Add(new FaultRule { Kind = FaultKind.DropAfterApply, Count = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(
            () => api.SendAsync("InsertRecord", ("datasetid", "1"), ("xmldata", "<record><Surname>Net</Surname></record>")));

        Assert.Single(_factory.State.Records(1));
    }

    [Fact]
    public async Task A_hang_holds_the_call_until_the_caller_gives_up_and_the_next_call_is_served()
    {
        var api = _factory.Api();
        _factory.Faults.Add(new FaultRule { Kind = FaultKind.Hang, Function = "GetUsers", Count = 1 });
        using var giveUp = new CancellationTokenSource();

        var pending = api.Http.GetAsync(new Uri("/" + ApiClient.Query(SimulatorFactory.ApiKey, "GetUsers"), UriKind.Relative), giveUp.Token);
        await _factory.WaitForCallsAsync(1);
        Assert.False(pending.IsCompleted);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        var after = XDocument.Parse(await (await api.SendAsync("GetUsers")).Content.ReadAsStringAsync());
        Assert.NotEmpty(after.Descendants("user"));
    }
}
