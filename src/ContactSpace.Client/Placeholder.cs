namespace ContactSpace.Client;
public static class ClientAssembly { }
