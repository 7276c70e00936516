namespace SignOnLetters.Web.Pages.Signing;

/// <summary>What every way of signing asks about the signer (the public form, the API, a coordinator entering a paper signature).</summary>
public interface ISignerFields
{
    SignerKind Kind { get; }
    string? OrganisationName { get; }
    string? CountryCode { get; }
    string SignerName { get; }
    string? Role { get; }
    string? Email { get; }
    string? Website { get; }
    SignatureVisibility Visibility { get; }
}

/// <summary>The shape of the signer's fields; each command adds what only it asks (consent, the country's source, ...).</summary>
public sealed class SignerFieldsValidator : AbstractValidator<ISignerFields>
{
    public SignerFieldsValidator() : this("Your name")
    {
    }

    /// <param name="nameLabel">The name's label in messages: "Your name" where signers type their own, "Signer's name" where a
    /// coordinator enters someone else's (a paper signature, an imported row: "Your name" there read as the coordinator's).</param>
    public SignerFieldsValidator(string nameLabel)
    {
        // Enum.IsDefined, not IsInEnum: FluentValidation's IsInEnum reads the enum's attributes by
        // reflection on every call, a measurable share of a signature's CPU under load (ADR 0008).
        RuleFor(c => c.Kind).Must(Enum.IsDefined).WithMessage("Choose whether you sign as an organisation or as an individual.");
        RuleFor(c => c.SignerName).NotEmpty().CleanText(Signature.NameMaxLength).WithName(nameLabel);
        RuleFor(c => c.OrganisationName).CleanText(Signature.NameMaxLength).SingleScriptWords().WithName("Organisation");
        RuleFor(c => c.Role).CleanText(Signature.RoleMaxLength).WithName("Role or title");
        RuleFor(c => c.Website).OptionalWebAddress(Signature.WebsiteMaxLength).WithName("Website");
        RuleFor(c => c.Visibility).Must(Enum.IsDefined).WithMessage("Choose how your signature appears.");
    }
}

/// <summary>
/// A signer's fields as a coordinator enters them on the signer's behalf: a paper signature typed in,
/// or a row of an imported file. The same shape as on the public form, with the e-mail address optional.
/// </summary>
public sealed class EnteredSignerValidator : AbstractValidator<ISignerFields>
{
    public EnteredSignerValidator()
    {
        Include(new SignerFieldsValidator("Signer's name"));
        RuleFor(c => c.OrganisationName).NotEmpty().WithName("Organisation").When(c => c.Kind == SignerKind.Organisation);
        RuleFor(c => c.CountryCode).Must(Countries.IsKnown).WithMessage("Choose a country from the list.");
        RuleFor(c => c.Email).EmailAddress().WithName("E-mail address").When(c => !string.IsNullOrWhiteSpace(c.Email));
    }
}
