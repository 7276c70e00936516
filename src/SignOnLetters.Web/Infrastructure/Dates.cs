namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// The one way pages and e-mails write a date: day, month in words and year, in the style of the
/// reader's language ("4 December 2026", "4 décembre 2026", "4 de diciembre de 2026",
/// "4 декабря 2026 г.", "4 ديسمبر 2026"), never a culture's short numeric form, which readers of
/// another country misread (4/12 or 12/4). Times are 24-hour and always in UTC, which the pages say.
/// Machine formats (CSV, JSON, <c>&lt;time datetime&gt;</c>) stay ISO 8601 and do not come here.
/// </summary>
public static class Dates
{
    // The month in words (genitive where the language declines it: .NET picks that form when the
    // pattern has the day before the month).
    private static readonly Dictionary<string, string> DayPatterns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["es"] = "d 'de' MMMM 'de' yyyy",
        ["ru"] = "d MMMM yyyy 'г.'",
    };

    private const string DefaultDayPattern = "d MMMM yyyy";

    /// <summary>"4 December 2026" in <paramref name="culture"/> (default: the current culture).</summary>
    public static string Day(DateTime date, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return date.ToString(DayPattern(culture), Gregorian(culture));
    }

    public static string Day(DateOnly date, CultureInfo? culture = null) => Day(date.ToDateTime(TimeOnly.MinValue), culture);

    /// <summary>"4 December 2026, 14:05": the caller says which time zone (UTC on coordinators' pages).</summary>
    public static string DayAndTime(DateTime time, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        return Day(time, culture) + Localisation.ListComma(culture) + time.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    private static string DayPattern(CultureInfo culture) =>
        DayPatterns.GetValueOrDefault(culture.TwoLetterISOLanguageName, DefaultDayPattern);

    // Dates are Gregorian everywhere in the app (deadlines, the PDF, e-mails): a culture whose default
    // calendar is another one keeps its month names and digits but counts in the Gregorian calendar.
    private static CultureInfo Gregorian(CultureInfo culture)
    {
        if (culture.DateTimeFormat.Calendar is GregorianCalendar)
            return culture;
        var gregorian = (CultureInfo)culture.Clone();
        var calendar = gregorian.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault();
        if (calendar is null)
            return CultureInfo.InvariantCulture;
        gregorian.DateTimeFormat.Calendar = calendar;
        return gregorian;
    }
}
