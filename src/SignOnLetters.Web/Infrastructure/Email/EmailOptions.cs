namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Sender shown on every message.</summary>
    public string From { get; set; } = "SignOnLetters <no-reply@signonletters.local>";

    /// <summary>
    /// Where messages are written as one <c>.eml</c> file each when no SMTP host is set: the default,
    /// so a fresh clone works offline and tests can read what was sent.
    /// </summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>SMTP server; when empty, mail goes to the pickup directory.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Auto | None | SslOnConnect | StartTls | StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
}
