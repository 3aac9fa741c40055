namespace ContactSpace.Client.Transport;

/// <summary>Which of the two contactSPACE bases a function lives on.</summary>
internal enum ContactSpaceApi
{
    /// <summary>Guide section 2 functions.</summary>
    Production,

    /// <summary>Guide section 3 (beta) functions.</summary>
    Beta,
}

/// <summary>
/// One call of a contactSPACE function, independent of how it travels: the function, its parameters
/// (without the API key, which the transport adds) and whether it only reads (and so may be retried).
/// </summary>
internal sealed class ContactSpaceRequest
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public ContactSpaceRequest(string function, ContactSpaceApi api, bool isReadOnly)
    {
        Function = function;
        Api = api;
        IsReadOnly = isReadOnly;
    }

    public string Function { get; }

    public ContactSpaceApi Api { get; }

    public bool IsReadOnly { get; }

    /// <summary>The function's parameters in the order the guide lists them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    public ContactSpaceRequest With(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public ContactSpaceRequest With(string name, long value)
        => With(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
