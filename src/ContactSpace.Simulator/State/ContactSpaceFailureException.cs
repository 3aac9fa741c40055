namespace ContactSpace.Simulator.State;

/// <summary>
/// A request contactSPACE refuses. The service answers these with HTTP 200 and the message in
/// <c>&lt;message&gt;</c>, so this is rendered as an answer, never as an HTTP error.
/// </summary>
public sealed class ContactSpaceFailureException : Exception
{
    public ContactSpaceFailureException(string message)
        : base(message)
    {
    }

    public ContactSpaceFailureException()
    {
    }

    public ContactSpaceFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static ContactSpaceFailureException UnknownColumn(string field, string clause = "field list")
        => new($"Unknown column '{field}' in '{clause}'");

    /// <summary>The raw MySQL error the real service leaks when xmldata does not parse into columns.</summary>
    public static ContactSpaceFailureException SqlSyntax(string near)
        => new($"You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{near}' at line 1");
}
