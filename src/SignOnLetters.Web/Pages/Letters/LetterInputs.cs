using System.Text;
using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>One language version as typed in a form. A row left entirely empty (the "add a language" slot) is ignored.</summary>
public sealed record TextInput
{
    public string? LanguageCode { get; init; }
    public string? Title { get; init; }
    public string? Body { get; init; }

    public bool IsBlank => string.IsNullOrWhiteSpace(LanguageCode) && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body);

    public static TextInput From(LetterText text) => new() { LanguageCode = text.LanguageCode, Title = text.Title, Body = text.Body };

    public static IReadOnlyList<LetterText> ToDomain(IEnumerable<TextInput> inputs) =>
        inputs.Where(t => !t.IsBlank).Select(t => new LetterText(t.LanguageCode ?? "", t.Title ?? "", t.Body ?? "")).ToList();
}

public sealed class TextInputValidator : AbstractValidator<TextInput>
{
    public TextInputValidator()
    {
        When(t => !t.IsBlank, () =>
        {
            RuleFor(t => t.LanguageCode).Must((_, code, context) =>
                {
                    context.MessageFormatter.AppendArgument("Code", Shorten(code));
                    return LanguageCodes.Normalize(code) is not null;
                })
                .WithMessage("\"{Code}\" is not a language code we know. Use one like en, fr, es, ru or pt-BR.");
            RuleFor(t => t.Title).NotEmpty().WithMessage("Every language version needs a title.")
                .CleanText(LetterText.TitleMaxLength).WithName("Title");
            RuleFor(t => t.Body).Must((_, body, context) =>
                {
                    // The sizes in the reader's digits and grouping ("1 024" in French).
                    context.MessageFormatter
                        .AppendArgument("Size", (Encoding.UTF8.GetByteCount(body ?? "") / 1024).ToString("N0", CultureInfo.CurrentCulture))
                        .AppendArgument("MaxSize", (LetterText.BodyMaxBytes / 1024).ToString("N0", CultureInfo.CurrentCulture));
                    return Encoding.UTF8.GetByteCount(body ?? "") <= LetterText.BodyMaxBytes;
                })
                .WithMessage("The text is {Size} KB; a letter may have at most {MaxSize} KB per language.");
            RuleFor(t => t.Body).SafeMarkdown("The text")
                .When(t => Encoding.UTF8.GetByteCount(t.Body ?? "") <= LetterText.BodyMaxBytes);
        });
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length > 20 ? value[..20] + "…" : value;
}

public sealed record AddresseeInput
{
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Institution { get; init; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Institution);
}

public sealed class AddresseeInputValidator : AbstractValidator<AddresseeInput>
{
    public AddresseeInputValidator()
    {
        When(a => !a.IsBlank, () =>
        {
            RuleFor(a => a.Name).NotEmpty().WithMessage("Every addressee needs a name.").CleanText(LetterAddressee.NameMaxLength).WithName("Addressee's name");
            RuleFor(a => a.Title).CleanText(LetterAddressee.TitleMaxLength).WithName("Addressee's title");
            RuleFor(a => a.Institution).CleanText(LetterAddressee.InstitutionMaxLength).WithName("Institution");
        });
    }
}

/// <summary>A deadline typed as a wall-clock time (an HTML datetime-local value) plus an IANA time zone.</summary>
public interface IDeadlineFields
{
    string? Deadline { get; }
    string? DeadlineTimeZone { get; }
}

public sealed class DeadlineFieldsValidator : AbstractValidator<IDeadlineFields>
{
    public DeadlineFieldsValidator()
    {
        When(d => !string.IsNullOrWhiteSpace(d.Deadline), () =>
        {
            RuleFor(d => d.Deadline).Must(value => DeadlineInput.ParseLocal(value) is not null)
                .WithMessage("The deadline is not a valid date and time. Use the form 2026-06-30 23:59.");
            RuleFor(d => d.DeadlineTimeZone).Must(zone => LetterDeadline.FindZone(zone) is not null)
                .WithMessage("Choose the deadline's time zone from the list.");
        });
    }
}

public static class DeadlineInput
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    /// <summary>Every IANA zone this machine knows, for the time zone list.</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId && z.Id.Contains('/'))
        .Select(z => z.Id)
        .Append("UTC")
        .Order(StringComparer.Ordinal)
        .ToList();

    public static DateTime? ParseLocal(string? value) =>
        DateTime.TryParseExact(value?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
        && local.Year is >= 2000 and <= 2200
            ? local
            : null;

    public static LetterDeadline? ToDeadline(IDeadlineFields fields) =>
        ParseLocal(fields.Deadline) is { } local ? LetterDeadline.FromLocal(local, fields.DeadlineTimeZone ?? "") : null;

    public static string ToInputValue(LetterDeadline? deadline) =>
        deadline is null ? "" : deadline.LocalTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// "30 June 2026, 23:59 (UTC+02:00)": the local time where the letter set its deadline, the month
    /// named in the reader's language, and the zone as its offset from UTC, which reads the same in
    /// every language (an IANA name such as "Europe/Paris" is English to a Russian or Arabic reader).
    /// </summary>
    public static string Describe(DateTime utc, string timeZoneId)
    {
        var deadline = new LetterDeadline(utc, timeZoneId);
        var offset = deadline.LocalTime - DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);
        var sign = offset < TimeSpan.Zero ? "\u2212" : "+";
        return $"{Infrastructure.Dates.DayAndTime(deadline.LocalTime)} (UTC{sign}{offset.Duration():hh\\:mm})";
    }
}
