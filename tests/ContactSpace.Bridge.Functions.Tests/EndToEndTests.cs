using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContactSpace.Bridge.DevHost.Http;
using ContactSpace.Simulator.Faults;
using ContactSpace.Simulator.State;
using Microsoft.Extensions.DependencyInjection;

namespace ContactSpace.Bridge.Functions.Tests;

/// <summary>Leads over real HTTP: DevHost → intake → delivery → the simulator, with Azurite for state and the queue.</summary>
[Collection(BridgeStackCollection.Name)]
public sealed class EndToEndTests(BridgeStack stack)
{
    [Fact]
    public async Task A_posted_lead_becomes_a_record()
    {
        var email = Email();

        using var response = await PostDemoLeadAsync(email);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var record = Assert.Single(RecordsWith(email));
        Assert.Equal(record.Id, body.GetProperty("recordId").GetInt64());
        Assert.Equal("Ada", record.Fields["First_Name"]);
        Assert.Equal("61412345678", record.Fields["Mobile_Phone"]);
        Assert.Equal(body.GetProperty("leadId").GetString(), record.Fields["Lead_ID"]);
    }

    [Fact]
    public async Task A_repeat_gets_the_first_answer_and_creates_one_record()
    {
        var email = Email();
        var key = Guid.NewGuid().ToString("N");

        using var first = await PostDemoLeadAsync(email, key);
        using var repeat = await PostDemoLeadAsync(email, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.True(repeat.IsSuccessStatusCode, $"The repeat got {(int)repeat.StatusCode}.");
        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var repeatBody = await repeat.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(firstBody.GetProperty("leadId").GetString(), repeatBody.GetProperty("leadId").GetString());
        Assert.Equal(firstBody.GetProperty("recordId").GetInt64(), repeatBody.GetProperty("recordId").GetInt64());
        Assert.Single(RecordsWith(email));
    }

    [Fact]
    public async Task A_simulator_fault_gives_202_then_the_queue_trigger_delivers()
    {
        var email = Email();
        stack.Simulator.Services.GetRequiredService<FaultInjector>()
            .Add(new FaultRule { Kind = FaultKind.Http503, Function = "InsertRecord", Count = 1 });

        using var response = await PostDemoLeadAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetString()!;
        Assert.Empty(RecordsWith(email));

        // DeliverLead, run by the DevHost's queue trigger, inserts it once the retry delay has passed.
        JsonElement status = default;
        for (var i = 0; i < 150 && RecordsWith(email).Count == 0; i++)
        {
            await Task.Delay(200);
        }

        var record = Assert.Single(RecordsWith(email));
        for (var i = 0; i < 50; i++)
        {
            status = await GetLeadAsync(leadId);
            if (status.GetProperty("status").GetString() == "delivered")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("delivered", status.GetProperty("status").GetString());
        Assert.Equal(record.Id, status.GetProperty("recordId").GetInt64());
    }

    [Fact]
    public async Task A_field_contactspace_does_not_know_is_a_422_with_its_message()
    {
        var email = Email();
        using var request = new HttpRequestMessage(HttpMethod.Post, stack.Api("leads/" + BridgeStack.UnknownFieldRoute))
        {
            Content = JsonContent.Create(new { first_name = "Ada", last_name = "Lovelace", email, mobile = "0412 345 678", colour = "teal" }),
        };
        request.Headers.Add(FunctionKeyAuthorizer.KeyHeader, BridgeStack.DemoRouteKey);

        using var response = await stack.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Favourite_Colour", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(RecordsWith(email));
    }

    private static string Email() => $"ada.{Guid.NewGuid():N}@example.com";

    private List<SimRecord> RecordsWith(string email) =>
        [.. stack.Simulator.Services.GetRequiredService<SimulatorState>().Records(1)
            .Where(r => r.Fields.TryGetValue("Email_Address", out var value) && value == email)];

    private async Task<HttpResponseMessage> PostDemoLeadAsync(string email, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, stack.Api("leads/demo"))
        {
            Content = JsonContent.Create(new { first_name = "Ada", last_name = "Lovelace", email, mobile = "0412 345 678" }),
        };
        request.Headers.Add(FunctionKeyAuthorizer.KeyHeader, BridgeStack.DemoRouteKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await stack.Http.SendAsync(request);
    }

    private async Task<JsonElement> GetLeadAsync(string leadId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, stack.Api("leads/" + leadId));
        request.Headers.Add(FunctionKeyAuthorizer.KeyHeader, FunctionKeyOptions.LocalFunctionKey);
        using var response = await stack.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
