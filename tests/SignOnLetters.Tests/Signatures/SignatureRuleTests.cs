using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>The signature's own rules, without a database.</summary>
public class SignatureRuleTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ConfirmationTokens Tokens = new("confirm-hash", "withdraw-hash");

    private static SigningTerms Terms(LetterStatus status = LetterStatus.Open, WhoMaySign who = WhoMaySign.OrganisationsAndIndividuals,
        ModerationMode moderation = ModerationMode.Automatic, bool individualsMustGiveOrganisation = false) =>
        new(1, status, who, moderation, individualsMustGiveOrganisation, 1);

    private static SignerDetails Organisation(string name = "Médecins du Monde", string email = "ana@example.org") =>
        new(SignerKind.Organisation, name, "fr", "Ana Silva", "Director", null, email, SignatureVisibility.NameAndOrganisation, false);

    private static SignerDetails Individual(string? organisation = null) =>
        new(SignerKind.Individual, organisation, "PT", "Rui", null, null, "rui@example.org", SignatureVisibility.NameAndOrganisation, true);

    [Theory]
    [InlineData("John.Doe+letters@Gmail.com", "johndoe@gmail.com")]
    [InlineData("j.o.h.n.doe@googlemail.com", "johndoe@gmail.com")]
    [InlineData("jane.doe+x@outlook.com", "jane.doe@outlook.com")]
    [InlineData("jane.doe+x@proton.me", "jane.doe@proton.me")]
    [InlineData("Jane.Doe+x@example.org", "jane.doe+x@example.org")]
    [InlineData("first.last-news@yahoo.com", "first.last-news@yahoo.com")]
    [InlineData("+tag@gmail.com", "+tag@gmail.com")]
    public void Should_fold_only_what_the_provider_ignores(string email, string expected) =>
        Assert.Equal(expected, EmailCanonicalizer.Canonicalize(email));

    [Theory]
    [InlineData(LetterStatus.Draft, "not open for signatures yet")]
    [InlineData(LetterStatus.Closed, "closed")]
    [InlineData(LetterStatus.Delivered, "delivered")]
    [InlineData(LetterStatus.Archived, "archived")]
    public void Should_refuse_a_letter_that_is_not_open(LetterStatus status, string message)
    {
        var refusal = Assert.Throws<DomainRuleException>(() => Terms(status).Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now));
        Assert.Contains(message, refusal.Message);
    }

    [Fact]
    public void Should_refuse_kinds_of_signer_the_letter_does_not_accept()
    {
        Assert.Contains("individuals only", Assert.Throws<DomainRuleException>(() =>
            Terms(who: WhoMaySign.IndividualsOnly).Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now)).Message);
        Assert.Contains("organisations only", Assert.Throws<DomainRuleException>(() =>
            Terms(who: WhoMaySign.OrganisationsOnly).Sign(Individual(), SignatureSource.PublicForm, Tokens, Now)).Message);
        Assert.Contains("give an organisation", Assert.Throws<DomainRuleException>(() =>
            Terms(individualsMustGiveOrganisation: true).Sign(Individual(), SignatureSource.PublicForm, Tokens, Now)).Message);
        Assert.Equal(SignerKind.Individual,
            Terms(individualsMustGiveOrganisation: true).Sign(Individual("Lisbon harm reduction"), SignatureSource.PublicForm, Tokens, Now).Kind);
    }

    [Fact]
    public void Should_key_organisations_but_not_an_individuals_organisation_for_identification()
    {
        var organisation = Terms().Sign(Organisation("  MÉDECINS-du-Monde "), SignatureSource.PublicForm, Tokens, Now);
        var individual = Terms().Sign(Individual("Médecins du Monde"), SignatureSource.PublicForm, Tokens, Now);

        Assert.Equal(NameNormalizer.Normalize("MEDECINS DU MONDE"), organisation.OrganisationKey);
        Assert.Equal("MÉDECINS-du-Monde", organisation.OrganisationName);
        Assert.Equal("FR", organisation.CountryCode);
        Assert.Null(individual.OrganisationKey);
        Assert.Equal("rui@example.org", individual.EmailKey);
    }

    [Fact]
    public void Should_wait_for_confirmation_then_approve_or_hold_by_moderation_with_an_audit_trail()
    {
        var automatic = Terms().Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now);
        Assert.Equal(SignatureState.PendingConfirmation, automatic.State);
        Assert.False(automatic.IsCounted);
        automatic.Confirm(ModerationMode.Automatic, Now.AddDays(6));
        Assert.Equal(SignatureState.Approved, automatic.State);
        Assert.Null(automatic.ConfirmationTokenHash);
        Assert.Equal("withdraw-hash", automatic.WithdrawTokenHash);
        Assert.Equal([SignatureState.PendingConfirmation, SignatureState.Approved], automatic.Events.Select(e => e.ToState));
        Assert.Contains("already been used", Assert.Throws<DomainRuleException>(() => automatic.Confirm(ModerationMode.Automatic, Now)).Message);

        var manual = Terms(moderation: ModerationMode.Manual).Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now);
        manual.Confirm(ModerationMode.Manual, Now);
        Assert.Equal(SignatureState.HeldForReview, manual.State);
        Assert.Equal(HoldReason.ManualModeration, manual.HoldReason);
        manual.Approve("coordinator", Now);
        Assert.Equal(SignatureState.Approved, manual.State);
        Assert.Equal("coordinator", manual.Events[^1].ActorUserId);
    }

    [Fact]
    public void Should_expire_the_confirmation_after_seven_days_and_release_the_claim()
    {
        var signature = Terms().Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now);

        Assert.Contains("expired", Assert.Throws<DomainRuleException>(() => signature.Confirm(ModerationMode.Automatic, Now.AddDays(7))).Message);
        Assert.True(signature.IsActive);
        signature.Expire(Now.AddDays(7), Signature.ConfirmationLifetime);
        Assert.Equal(SignatureState.Expired, signature.State);
        Assert.False(signature.IsActive);
    }

    [Fact]
    public void Should_limit_confirmation_resends()
    {
        var signature = Terms().Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now);
        var at = Now;
        Assert.False(signature.TryReissueConfirmation(new("c2", "w2"), at.AddMinutes(1)));
        for (var sent = 1; sent < Signature.MaxConfirmationEmails; sent++)
        {
            at += Signature.ConfirmationResendInterval;
            Assert.True(signature.TryReissueConfirmation(new($"c{sent}", $"w{sent}"), at));
        }
        Assert.False(signature.TryReissueConfirmation(new("late", "late"), at.AddDays(1)));
        Assert.Equal(Signature.MaxConfirmationEmails, signature.ConfirmationEmailsSent);
    }

    [Fact]
    public void Should_let_a_signer_withdraw_at_any_time_but_only_once()
    {
        var signature = Terms().Sign(Organisation(), SignatureSource.PublicForm, Tokens, Now);
        signature.Confirm(ModerationMode.Automatic, Now);

        signature.Withdraw(SignatureActor.Signer, null, Now.AddDays(300));

        Assert.Equal(SignatureState.Withdrawn, signature.State);
        Assert.False(signature.IsActive);
        Assert.Throws<DomainRuleException>(() => signature.Withdraw(SignatureActor.Signer, null, Now));
    }

    [Fact]
    public void Should_refuse_organisation_only_visibility_without_an_organisation() =>
        Assert.Contains("needs an organisation", Assert.Throws<DomainRuleException>(() =>
            Terms().Sign(Individual() with { Visibility = SignatureVisibility.OrganisationOnly }, SignatureSource.PublicForm, Tokens, Now)).Message);
}
