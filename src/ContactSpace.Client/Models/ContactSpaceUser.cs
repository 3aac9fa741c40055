namespace ContactSpace.Client;

/// <summary>A contactSPACE user (agent), as GetUsers returns it.</summary>
public sealed record ContactSpaceUser(long Id, string Email, string FirstName, string Surname);
