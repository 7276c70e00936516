namespace SignOnLetters.Web.Infrastructure.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Accept <c>http://</c> webhooks on this machine's loopback address (tests, development). Off in
    /// production: webhooks are https only, and never to a private, loopback or link-local address.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>Whole time allowed for one delivery; a slow receiver is retried later rather than waited for.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
