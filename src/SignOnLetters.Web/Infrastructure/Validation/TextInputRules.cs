using System.Text;

namespace SignOnLetters.Web.Infrastructure.Validation;

/// <summary>
/// Shape checks for the names and titles people type. Every script is welcome; what is refused is
/// what only tricks readers or breaks pages: bidirectional override controls (which can make
/// "evil.example" display as "elpmaxe.live"), invisible-only text, control characters, markup, and
/// floods of combining marks ("Zalgo" text that spills over the lines around it).
/// </summary>
public static class TextInputRules
{
    /// <summary>Combining marks on one letter beyond this are a flood; Vietnamese needs two, some Indic clusters three or four.</summary>
    private const int MaxCombiningMarksPerBase = 4;

    public static IRuleBuilderOptions<T, string?> CleanText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must((_, value, context) => WithLengths(context, value, maxLength, ProblemTemplate(value, maxLength)) is null)
            .WithMessage((_, value) => $"{{PropertyName}} {ProblemTemplate(value, maxLength)}");

    /// <summary>The numbers a problem's template may name ({TotalLength}, {MaxLength}), written in the reader's digits and grouping.</summary>
    private static string? WithLengths<T>(ValidationContext<T> context, string? value, int maxLength, string? problem)
    {
        if (problem is not null)
            context.MessageFormatter
                .AppendArgument("TotalLength", (value?.Length ?? 0).ToString("N0", CultureInfo.CurrentCulture))
                .AppendArgument("MaxLength", maxLength.ToString("N0", CultureInfo.CurrentCulture));
        return problem;
    }

    /// <summary>
    /// <see cref="CleanText{T}"/> for several lines of plain text (a cover message): line breaks are
    /// allowed, each line is held to the same rules, and the whole to <paramref name="maxLength"/>.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> CleanLines<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must((_, value, context) => WithLengths(context, value, maxLength, LinesProblemTemplate(value, maxLength)) is null)
            .WithMessage((_, value) => $"{{PropertyName}} {LinesProblemTemplate(value, maxLength)}");

    private static string? LinesProblemTemplate(string? value, int maxLength) =>
        value is null ? null
        : value.Length > maxLength ? TooLong
        : value.ReplaceLineEndings("\n").Split('\n').Select(line => string.IsNullOrWhiteSpace(line) ? null : ProblemTemplate(line, maxLength)).FirstOrDefault(p => p is not null);

    private const string TooLong = "is too long: {TotalLength} characters, at most {MaxLength}.";

    /// <summary>Why a value is refused, as the end of an English sentence, or null when it is fine.</summary>
    public static string? Problem(string? value, int maxLength) =>
        ProblemTemplate(value, maxLength)?
            .Replace("{TotalLength}", (value?.Length ?? 0).ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MaxLength}", maxLength.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Why a value is refused, as the validator's template with the field's name and lengths, to be translated; null when it is fine.</summary>
    public static FieldProblem? ProblemOf(string? value, int maxLength, string propertyName) =>
        ProblemTemplate(value, maxLength) is { } template ? new FieldProblem($"{{PropertyName}} {template}", propertyName, value?.Length ?? 0, maxLength) : null;

    /// <summary>Why a multi-line value is refused (each line checked as a text), or null when it is fine.</summary>
    public static string? LinesProblem(string? value, int maxLength) =>
        LinesProblemTemplate(value, maxLength)?
            .Replace("{TotalLength}", (value?.Length ?? 0).ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{MaxLength}", maxLength.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>
    /// <see cref="Problem"/> with the lengths as placeholders: after "{PropertyName} " it is the
    /// validation message's template, which is also the key of its translations.
    /// </summary>
    private static string? ProblemTemplate(string? value, int maxLength)
    {
        if (value is null)
            return null;
        if (value.Length > maxLength)
            return TooLong;
        if (!IsWellFormedUtf16(value))
            return "contains invalid characters.";
        var visible = 0;
        var combiningRun = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '<' or '>')
                return "cannot contain < or >.";
            if (IsBidiControl(rune.Value))
                return "contains hidden direction-changing characters. Please type it again without copying from elsewhere.";
            var category = Rune.GetUnicodeCategory(rune);
            switch (category)
            {
                case UnicodeCategory.Control when rune.Value is not ('\t'):
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                    return "contains characters that cannot be shown.";
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark:
                    if (++combiningRun > MaxCombiningMarksPerBase)
                        return "has too many accents stacked on one letter.";
                    continue;
                case UnicodeCategory.Format:
                    // Zero-width joiner and non-joiner shape Persian, Indic scripts and emoji; other
                    // format characters (zero-width space, word joiner, BOM) only hide things.
                    if (rune.Value is not (0x200C or 0x200D))
                        return "contains invisible characters.";
                    continue;
            }
            combiningRun = 0;
            if (!Rune.IsWhiteSpace(rune))
                visible++;
        }
        return value.Length > 0 && visible == 0 ? "must contain visible characters." : null;
    }

    /// <summary>No lone surrogate halves (they come from truncated or forged input, never from typing).</summary>
    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return false;
        }
        return true;
    }

    // LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI; the marks LRM/RLM/ALM are allowed (harmless).
    private static bool IsBidiControl(int codePoint) => codePoint is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    /// <summary>An absolute http(s) address, or nothing.</summary>
    /// <summary>
    /// An organisation's name may not mix scripts inside one word: "Hаrm" with a Cyrillic а is how a
    /// name is forged to look like another (UTS #39). One script, or words in different scripts
    /// ("Réseau 日本"), pass.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> SingleScriptWords<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => !Domain.UnicodeSecurity.HasMixedScriptWord(value))
            .WithMessage(MixedScriptMessage);

    public const string MixedScriptMessage =
        "{PropertyName} mixes letters of different alphabets in one word (such as a Cyrillic letter in a Latin word). Please type each word in one alphabet.";

    public static IRuleBuilderOptions<T, string?> OptionalWebAddress<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must((_, value, context) =>
            {
                context.MessageFormatter.AppendArgument("MaxLength", maxLength.ToString(CultureInfo.CurrentCulture));
                return string.IsNullOrWhiteSpace(value) || IsWebAddress(value, maxLength);
            })
            .WithMessage("{PropertyName} must be a web address starting with https:// or http://, at most {MaxLength} characters.");

    private static bool IsWebAddress(string value, int maxLength) =>
        value.Length <= maxLength
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && !string.IsNullOrEmpty(uri.Host)
        && Problem(value, maxLength) is null;

    /// <summary>
    /// One plain address (no display name, no list) that MimeKit reads back unchanged, so the outbox
    /// can send to it: for addresses typed by coordinators into lists where a message per field is clearer.
    /// </summary>
    public static bool IsSendableEmailAddress(string value) =>
        value.Length <= 254 && Problem(value, 254) is null && !value.Any(char.IsWhiteSpace)
        && value.IndexOf('@') is var at && at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.')
        && MimeKit.MailboxAddress.TryParse(value, out var parsed) && parsed.Address == value;

    public static IRuleBuilderOptions<T, string?> EmailAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(254).EmailAddress(FluentValidation.Validators.EmailValidationMode.AspNetCoreCompatible)
            .Must(value => value is null || (Problem(value, 254) is null && value.Contains('.', StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace)))
            .WithMessage("{PropertyName} is not a valid e-mail address.");
}
