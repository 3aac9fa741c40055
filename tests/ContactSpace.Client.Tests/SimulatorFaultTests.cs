using ContactSpace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ContactSpace.Client.Tests;

/// <summary>The simulator's faults, injected through its admin endpoint, each classified the way the bridge needs.</summary>
[Collection(nameof(SimulatorCollection))]
public sealed class SimulatorFaultTests(SimulatorFixture simulator) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> _lead = new() { ["First_Name"] = "Faulty", ["Email_Address"] = "faulty@example.com" };

    private ContactSpaceClient Client => simulator.Client;

    public Task InitializeAsync() => simulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("http500", 500)]
    [InlineData("http503", 503)]
    public async Task A_server_error_on_an_insert_is_transient_and_not_retried(string kind, int status)
    {
        await simulator.AddFaultAsync(new { kind, function = "InsertRecord", count = 1 });

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.InsertRecordAsync(1, _lead));

        Assert.Equal(status, error.HttpStatus);
        Assert.True(error.IsTransient);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Single(await simulator.AdminGetAsync<List<RecordedCallView>>("/_sim/calls"));
        Assert.True(await Client.InsertRecordAsync(1, _lead) > 0);
    }

    [Fact]
    public async Task A_429_carries_its_Retry_After()
    {
        await simulator.AddFaultAsync(new { kind = "http429", function = "GetUsers", count = 1, retryAfterSeconds = 30 });

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.GetUsersAsync());

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.False(error.MayHaveBeenApplied);
    }

    [Fact]
    public async Task A_read_is_retried_through_a_passing_503()
    {
        await simulator.AddFaultAsync(new { kind = "http503", function = "GetUsers", count = 1 });
        using var services = simulator.ClientServices(new CapturingLoggerProvider(), o => o.MaxReadRetries = 2);

        var users = await services.GetRequiredService<ContactSpaceClient>().GetUsersAsync();

        Assert.NotEmpty(users);
        Assert.Equal([503, 200], (await simulator.AdminGetAsync<List<RecordedCallView>>("/_sim/calls")).Select(c => c.Status));
    }

    [Fact]
    public async Task A_connection_dropped_after_the_insert_landed_says_it_may_have_been_applied()
    {
        await simulator.AddFaultAsync(new { kind = "dropAfterApply", function = "InsertRecord", count = 1 });

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.InsertRecordAsync(1, _lead));
        var landed = await Client.SearchRecordAsync(1, null, new Dictionary<string, string> { ["Email_Address"] = "faulty@example.com" });

        Assert.True(error.IsTransient);
        Assert.True(error.MayHaveBeenApplied);
        Assert.Single(landed);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transient_ContactSpaceException()
    {
        await simulator.AddFaultAsync(new { kind = "drop", function = "GetOutcome", count = 1 });

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.GetOutcomeAsync(1));

        Assert.True(error.IsTransient);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task A_cut_answer_is_malformed_transient_and_possibly_applied()
    {
        await simulator.AddFaultAsync(new { kind = "malformedXml", function = "InsertRecord", count = 1 });

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.InsertRecordAsync(1, _lead));

        Assert.Equal(200, error.HttpStatus);
        Assert.True(error.IsTransient);
        Assert.True(error.MayHaveBeenApplied);
    }

    [Fact]
    public async Task An_error_message_is_a_permanent_rejection_with_the_service_message()
    {
        await simulator.AddFaultAsync(new { kind = "errorMessage", function = "UpdateOutcome", count = 1, message = "Invalid Outcome ID" });

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => Client.UpdateOutcomeAsync(1, 1, 472));

        Assert.False(error.IsTransient);
        Assert.Equal("Invalid Outcome ID", error.ServiceMessage);
    }

    [Fact]
    public async Task A_hanging_call_times_out_on_the_clients_clock()
    {
        await simulator.AddFaultAsync(new { kind = "hang", function = "InsertRecord", count = 1 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = simulator.ClientServices(new CapturingLoggerProvider(), o => o.Timeout = TimeSpan.FromSeconds(10), time);

        var call = services.GetRequiredService<ContactSpaceClient>().InsertRecordAsync(1, _lead);
        await WaitUntilAsync(async () => (await simulator.AdminGetAsync<List<RecordedCallView>>("/_sim/calls")).Count == 1);
        time.Advance(TimeSpan.FromSeconds(11));
        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => call);

        Assert.True(error.IsTransient);
        Assert.True(error.MayHaveBeenApplied);
    }

    [Fact]
    public async Task A_wrong_key_is_a_permanent_failure_whose_text_holds_no_key()
    {
        var logs = new CapturingLoggerProvider();
        using var services = simulator.ClientServices(logs, o => o.ApiKey = "wrong-key-123456");

        var error = await Assert.ThrowsAsync<ContactSpaceException>(() => services.GetRequiredService<ContactSpaceClient>().GetUsersAsync());

        Assert.False(error.IsTransient);
        Assert.NotNull(error.ServiceMessage);
        Assert.DoesNotContain("wrong-key-123456", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-123456", logs.AllText, StringComparison.Ordinal);
    }

    // Waits for the simulator to reach a state (never for time to pass); the bound only stops a broken test from hanging.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
