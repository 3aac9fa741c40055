namespace ContactSpace.Client;

/// <summary>A caller id (CLI) available to the account, as GetCLIs returns it.</summary>
public sealed record ContactSpaceCli(long Id, string CallerId);
