using SignOnLetters.Web.Infrastructure.Images;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>What the create and edit forms share: the organisation's public details.</summary>
public interface IOrganisationFields
{
    string Name { get; }
    string CountryCode { get; }
    string? Website { get; }
    IFormFile? Logo { get; }
}

public sealed class OrganisationFieldsValidator : AbstractValidator<IOrganisationFields>
{
    public OrganisationFieldsValidator()
    {
        RuleFor(o => o.Name).NotEmpty().CleanText(Organisation.NameMaxLength).SingleScriptWords().WithName("Name");
        RuleFor(o => o.CountryCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choose a country.")
            .Must(Countries.IsKnown).WithMessage("Choose a country from the list.");
        RuleFor(o => o.Website).OptionalWebAddress(Organisation.WebsiteMaxLength).WithName("Website");
        RuleFor(o => o.Logo!.Length)
            .MustNaming(length => length <= LogoImage.MaxUploadBytes,
                ("Size", length => Math.Round(length / 1024.0 / 1024.0, 1)), ("MaxSize", _ => LogoImage.MaxUploadBytes / 1024 / 1024))
            .WithMessage("The logo is {Size} MB; the limit is {MaxSize} MB.")
            .OverridePropertyName("Logo")
            .When(o => o.Logo is not null);
        RuleFor(o => o.Logo!.FileName)
            .Must(name => !name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            .WithMessage("SVG logos are not accepted (they can carry scripts). Please upload a PNG or JPEG.")
            .OverridePropertyName("Logo")
            .When(o => o.Logo is not null);
    }

    /// <summary>Decodes and re-encodes the uploaded logo; a bad image becomes a form error on the Logo field.</summary>
    public static OrganisationLogo? ProcessLogo<TCommand>(IFormFile? logo)
    {
        if (logo is null || logo.Length == 0)
            return null;
        try
        {
            using var stream = logo.OpenReadStream();
            return LogoImage.Process(stream);
        }
        catch (InvalidImageException invalid)
        {
            throw new Infrastructure.Mediation.RequestValidationException(typeof(TCommand),
                [LocalisedFailure.Of("Logo", invalid.Text)]);
        }
    }
}
