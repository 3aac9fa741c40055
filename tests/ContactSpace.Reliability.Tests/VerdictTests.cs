using ContactSpace.Reliability.Tests.Harness;

namespace ContactSpace.Reliability.Tests;

/// <summary>The suite's classification of leads, checked on hand-made outcomes.</summary>
public sealed class VerdictTests
{
    private const string RunId = "abcd1234";

    [Fact]
    public void Acknowledged_lead_with_one_record_is_delivered_and_one_with_a_dead_letter_is_dead_lettered()
    {
        var delivered = Lead(1, 201);
        var deadLettered = Lead(2, 202);

        var verdict = Verdict.Of([delivered, deadLettered], new Dictionary<int, int> { [1] = 1 }, new HashSet<int> { 2 });

        Assert.True(verdict.Holds);
        Assert.Equal((2, 1, 1), (verdict.Acknowledged, verdict.Delivered, verdict.DeadLettered));
    }

    [Fact]
    public void Two_records_for_one_lead_are_a_duplicate_and_no_record_nor_dead_letter_is_lost()
    {
        var verdict = Verdict.Of([Lead(1, 202), Lead(2, 503, 202)], new Dictionary<int, int> { [1] = 2 }, new HashSet<int>());

        Assert.False(verdict.Holds);
        Assert.Equal([1], verdict.Duplicated);
        Assert.Equal([2], verdict.Lost);
    }

    [Fact]
    public void A_record_for_a_lead_whose_sender_never_got_a_2xx_breaks_the_invariant()
    {
        var verdict = Verdict.Of([Lead(1, 503, 503)], new Dictionary<int, int> { [1] = 1 }, new HashSet<int>());

        Assert.False(verdict.Holds);
        Assert.Equal([1], verdict.RecordsWithoutAcknowledgedLead);
        Assert.Equal(1, verdict.GaveUp);
    }

    [Fact]
    public void A_500_breaks_the_invariant_even_when_the_retry_succeeded()
    {
        var verdict = Verdict.Of([Lead(1, 500, 201)], new Dictionary<int, int> { [1] = 1 }, new HashSet<int>());

        Assert.False(verdict.Holds);
        Assert.Equal(1, verdict.ServerErrors);
    }

    [Fact]
    public void A_refused_lead_needs_a_dead_letter_and_no_record()
    {
        var withDeadLetter = Verdict.Of([Lead(1, 422)], new Dictionary<int, int>(), new HashSet<int> { 1 });
        var without = Verdict.Of([Lead(1, 422)], new Dictionary<int, int>(), new HashSet<int>());

        Assert.True(withDeadLetter.Holds);
        Assert.Equal(1, withDeadLetter.Rejected);
        Assert.Equal([1], without.RejectedWithoutDeadLetter);
    }

    [Theory]
    [InlineData("<Email_Address>lead000042.abcd1234@reliability.example</Email_Address>", 42)]
    [InlineData("{\"Email_Address\":\"LEAD000007.ABCD1234@reliability.example\"}", 7)]
    public void Markers_are_found_in_any_text(string text, int number) => Assert.Equal([number], LeadMarker.FindAll(RunId, text));

    [Fact]
    public void Markers_of_another_run_are_not_counted() =>
        Assert.Empty(LeadMarker.FindAll(RunId, LeadMarker.For("ffff0000", 3)));

    private static SentLead Lead(int number, params int[] statuses)
    {
        var lead = new SentLead(number, RunId, "web", "test");
        foreach (var status in statuses)
        {
            lead.RecordAnswer(status);
        }

        return lead;
    }
}
