namespace SignOnLetters.Web.Infrastructure.Outbox;

/// <summary>Configuration section <c>Outbox</c>: the background sender of deliveries and updates.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Run the background sender in this instance (tests switch it off and send by hand).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sender looks for due messages when nobody wakes it.</summary>
    public int PollIntervalSeconds { get; set; } = 15;

    /// <summary>Attempts per message before it is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failure; doubled after each further one (1, 2, 4, 8, … minutes by default).</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>How long a claimed message is held by its sender before another instance may take it over.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Messages looked at per query.</summary>
    public int BatchSize { get; set; } = 50;
}
