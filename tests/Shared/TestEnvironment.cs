namespace SignOnLetters.TestSupport;

/// <summary>Where the tests run, read once for all three test projects (each links this file).</summary>
public static class TestEnvironment
{
    /// <summary>In CI (<c>CI=true</c>) a missing server, browser or tool is a failure, never a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
