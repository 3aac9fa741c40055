using System.Net;
using System.Net.Http.Json;
using System.Xml;
using System.Xml.Linq;
using ContactSpace.Simulator.Faults;

namespace ContactSpace.Simulator.Tests;

/// <summary>Faults set at run time, through <c>/_sim/faults</c> and through <see cref="FaultInjector"/>.</summary>
public sealed class FaultTests(SimulatorFactory factory) : SimulatorTestBase(factory)
{
    private const string Lead = "<record><First_Name>Fay</First_Name></record>";

    private Task<HttpResponseMessage> InsertAsync() => Api.SendAsync("InsertRecord", ("datasetid", "1"), ("xmldata", Lead));

    private async Task SetFaultAsync(object rule)
    {
        using var response = await Api.Http.PostAsJsonAsync(new Uri("/_sim/faults", UriKind.Relative), rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("http500", HttpStatusCode.InternalServerError)]
    [InlineData("http503", HttpStatusCode.ServiceUnavailable)]
    [InlineData("http429", HttpStatusCode.TooManyRequests)]
    public async Task HTTP_error_faults_answer_the_status_and_apply_nothing(string kind, HttpStatusCode expected)
    {
        await SetFaultAsync(new { kind, count = 1 });

        using var response = await InsertAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(Factory.State.Records(1));
        var call = Assert.Single(Factory.CallLog.Calls);
        Assert.Equal(kind, call.Fault);
        Assert.Equal((int)expected, call.Status);
    }

    [Fact]
    public async Task Http429_carries_Retry_After()
    {
        await SetFaultAsync(new { kind = "http429", retryAfterSeconds = 7 });

        using var response = await InsertAsync();

        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Latency_delays_then_answers_normally()
    {
        await SetFaultAsync(new { kind = "latency", milliseconds = 2000 });

        // The delay runs on the simulator's (fake) clock: move it on until the answer comes.
        var pending = InsertAsync();
        while (!pending.IsCompleted)
        {
            Factory.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }

        using var response = await pending;
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("Success", answer.Descendants("message").Single().Value);
        Assert.Single(Factory.State.Records(1));
        Assert.Equal("latency", Factory.CallLog.Calls.Single().Fault);
    }

    [Fact]
    public async Task Hang_never_answers_and_applies_nothing()
    {
        await SetFaultAsync(new { kind = "hang", count = 1 });
        using var giveUp = new CancellationTokenSource();

        var pending = Api.Http.GetAsync(
            new Uri("/" + ApiClient.Query(SimulatorFactory.ApiKey, "InsertRecord", ("datasetid", "1"), ("xmldata", Lead)), UriKind.Relative),
            giveUp.Token);
        await Factory.WaitForCallsAsync(1);
        Assert.False(pending.IsCompleted);
        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        Assert.Empty(Factory.State.Records(1));
        var call = Assert.Single(Factory.CallLog.Calls);
        Assert.Equal("hang", call.Fault);
        Assert.Null(call.Status);
    }

    [Fact]
    public async Task Drop_aborts_the_connection_before_applying()
    {
        await SetFaultAsync(new { kind = "drop", count = 1 });

        // In-process (TestServer) an abort surfaces as OperationCanceledException; over a socket, see KestrelTests.
        var aborted = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => (await InsertAsync()).Dispose());

        Assert.Equal("The application aborted the request.", aborted.Message);
        Assert.Empty(Factory.State.Records(1));
        Assert.Equal("drop", Factory.CallLog.Calls.Single().Fault);
    }

    [Fact]
    public async Task DropAfterApply_lands_the_insert_then_aborts_the_connection()
    {
        await SetFaultAsync(new { kind = "dropAfterApply", count = 1 });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => (await InsertAsync()).Dispose());

        Assert.Equal("Fay", Assert.Single(Factory.State.Records(1)).Fields["First_Name"]);
        Assert.Null(Factory.CallLog.Calls.Single().Status);
    }

    [Fact]
    public async Task MalformedXml_lands_the_insert_and_answers_a_broken_document()
    {
        await SetFaultAsync(new { kind = "malformedXml", count = 1 });

        using var response = await InsertAsync();
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Throws<XmlException>(() => XDocument.Parse(body));
        Assert.Single(Factory.State.Records(1));
    }

    [Fact]
    public async Task ErrorMessage_answers_the_text_as_a_contactSPACE_failure_and_applies_nothing()
    {
        await SetFaultAsync(new { kind = "errorMessage", message = "Lock wait timeout exceeded; try restarting transaction" });

        var message = await Api.MessageAsync("InsertRecord", ("datasetid", "1"), ("xmldata", Lead));

        Assert.Equal("Lock wait timeout exceeded; try restarting transaction", message);
        Assert.Empty(Factory.State.Records(1));
    }

    [Fact]
    public async Task A_count_scoped_fault_hits_the_next_N_calls_then_goes()
    {
        await SetFaultAsync(new { kind = "http503", count = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await InsertAsync();
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Empty(Factory.Faults.Active());
        Assert.Single(Factory.State.Records(1));
    }

    [Fact]
    public async Task A_function_scoped_fault_leaves_other_functions_alone()
    {
        await SetFaultAsync(new { kind = "http500", function = "InsertRecord" });

        using var users = await Api.SendAsync("GetUsers");
        using var insert = await InsertAsync();

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, insert.StatusCode);
    }

    [Fact]
    public async Task A_fraction_scoped_fault_hits_the_calls_its_seeded_draw_picks()
    {
        await SetFaultAsync(new { kind = "http503", fraction = 0.3, seed = 42 });
        var draw = new Random(42);
        var expected = Enumerable.Range(0, 40).Select(_ => draw.NextDouble() < 0.3).ToList();

        var hit = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await Api.SendAsync("GetUsers");
            hit.Add(response.StatusCode == HttpStatusCode.ServiceUnavailable);
        }

        Assert.Equal(expected, hit);
        Assert.Contains(true, hit);
        Assert.Contains(false, hit);
    }

    [Fact]
    public void Fraction_draws_repeat_for_the_same_seed_and_respect_a_count()
    {
        var first = new FaultInjector(7);
        var second = new FaultInjector(7);
        first.Add(new FaultRule { Kind = FaultKind.Drop, Fraction = 0.5 });
        second.Add(new FaultRule { Kind = FaultKind.Drop, Fraction = 0.5 });
        var capped = new FaultInjector(7);
        capped.Add(new FaultRule { Kind = FaultKind.Drop, Fraction = 0.5, Count = 3 });

        var a = Enumerable.Range(0, 100).Select(_ => first.Next("InsertRecord") is not null).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => second.Next("InsertRecord") is not null).ToList();
        var c = Enumerable.Range(0, 100).Count(_ => capped.Next("InsertRecord") is not null);

        Assert.Equal(a, b);
        Assert.Equal(3, c);
    }

    [Fact]
    public void Fractions_of_zero_and_one_never_and_always_fire()
    {
        var never = new FaultInjector(1);
        never.Add(new FaultRule { Kind = FaultKind.Http500, Fraction = 0 });
        var always = new FaultInjector(1);
        always.Add(new FaultRule { Kind = FaultKind.Http500, Fraction = 1 });

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Null(never.Next("GetUsers")));
        Assert.All(Enumerable.Range(0, 50), _ => Assert.NotNull(always.Next("GetUsers")));
    }

    [Fact]
    public async Task Faults_can_be_listed_and_cleared()
    {
        await SetFaultAsync(new { kind = "http500", function = "GetUsers", count = 5 });

        var listed = await Api.Http.GetStringAsync(new Uri("/_sim/faults", UriKind.Relative));
        using var cleared = await Api.Http.DeleteAsync(new Uri("/_sim/faults", UriKind.Relative));
        using var users = await Api.SendAsync("GetUsers");

        Assert.Contains("\"kind\":\"http500\"", listed, StringComparison.Ordinal);
        Assert.Contains("\"remaining\":5", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"latency"}""")]
    [InlineData("""{"kind":"errorMessage"}""")]
    [InlineData("""{"kind":"http500","fraction":1.5}""")]
    [InlineData("""{"kind":"http500","count":0}""")]
    [InlineData("""{"kind":"meteorStrike"}""")]
    public async Task An_unusable_fault_is_refused_with_400(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Api.Http.PostAsync(new Uri("/_sim/faults", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Factory.Faults.Active());
    }
}
