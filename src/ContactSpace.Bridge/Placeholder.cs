namespace ContactSpace.Bridge;
public static class BridgeAssembly { }
