using System.Text.Json.Serialization;

namespace ContactSpace.Bridge.Polling;

/// <summary>One agent in <c>GET /api/agents</c>. Names are fixed by attribute: flows in Power Automate and Zapier bind to them.</summary>
public sealed record AgentStatusView(
    [property: JsonPropertyName("userId")] long UserId,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("firstName")] string? FirstName,
    [property: JsonPropertyName("surname")] string? Surname,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("statusSince")] DateTimeOffset StatusSince);

/// <summary>One status spell in <c>GET /api/agents/{userId}/history</c>; <c>endedAt</c> is null while it lasts.</summary>
public sealed record AgentStatusSpellView(
    [property: JsonPropertyName("userId")] long UserId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("endedAt")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("durationSeconds")] long DurationSeconds);
