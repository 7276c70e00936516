using FluentValidation.Internal;

namespace SignOnLetters.Web.Infrastructure.Validation;

/// <summary>
/// Validation messages in the reader's language, at the one place FluentValidation turns a message
/// template into text: our validators write English templates ("{PropertyName} is too long: …"),
/// which are keys of the shared resources, and field names given with WithName ("Your name") are
/// keys too. FluentValidation's own default messages already follow CurrentUICulture (it carries
/// French, Spanish, Russian and Arabic), so a template without a translation is left as it is.
/// </summary>
public static class LocalisedValidationMessages
{
    public static void UseLocalisedValidationMessages(this IServiceProvider services)
    {
        var T = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        // The localizer reads CurrentUICulture at each lookup, so one instance serves every request.
        ValidatorOptions.Global.MessageFormatterFactory = () => new LocalisingMessageFormatter(T);
        ValidatorOptions.Global.LanguageManager.Culture = null;
    }

    private sealed class LocalisingMessageFormatter(IStringLocalizer<SharedResource> T) : MessageFormatter
    {
        public override string BuildMessage(string messageTemplate)
        {
            if (PlaceholderValues.TryGetValue(PropertyName, out var name) && name is string displayName && Translated(displayName) is { } translatedName)
                PlaceholderValues[PropertyName] = translatedName;
            return base.BuildMessage(Translated(messageTemplate) ?? messageTemplate);
        }

        private string? Translated(string key)
        {
            if (string.IsNullOrEmpty(key))
                return null;
            var text = T[key];
            return text.ResourceNotFound ? null : text.Value;
        }
    }
}
