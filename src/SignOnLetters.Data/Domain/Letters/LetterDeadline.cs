namespace SignOnLetters.Domain.Letters;

/// <summary>
/// A deadline as an instant (UTC) plus the IANA time zone it was set in, so "31 March, 23:59 in
/// Nairobi" stays that instant whatever the server's zone, and is shown the way it was meant.
/// </summary>
public sealed record LetterDeadline(DateTime Utc, string TimeZoneId)
{
    /// <summary>Reads a wall-clock time in a zone; refuses unknown zones and times that a clock change skips.</summary>
    public static LetterDeadline FromLocal(DateTime localTime, string timeZoneId)
    {
        var zone = FindZone(timeZoneId)
            ?? throw new DomainRuleException("'{0}' is not a time zone we know. Choose one from the list.", timeZoneId);
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            throw new DomainRuleException("{0:g} does not exist in {1}: the clocks change then. Choose another time.", local, zone.Id);
        return new LetterDeadline(TimeZoneInfo.ConvertTimeToUtc(local, zone), zone.Id);
    }

    /// <summary>The deadline on the wall clock of its own zone.</summary>
    public DateTime LocalTime => TimeZoneInfo.ConvertTimeFromUtc(Utc, FindZone(TimeZoneId) ?? TimeZoneInfo.Utc);

    /// <summary>Only IANA ids ("Africa/Nairobi"), the names every platform and browser shares.</summary>
    public static TimeZoneInfo? FindZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && timeZoneId.Length <= 64
        && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) && zone.HasIanaId
            ? zone
            : null;
}
