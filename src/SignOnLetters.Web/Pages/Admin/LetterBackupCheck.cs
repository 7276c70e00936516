using System.Text;
using SignOnLetters.Domain.Backup;
using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Web.Pages.Admin;

/// <summary>
/// Holds every value of a backup file to the rules the app's own forms apply (names, texts, e-mail
/// and web addresses, countries, languages, hosts), plus what the file must say consistently
/// (references that resolve, version numbers that exist, no two active signatures claiming one
/// organisation or mailbox). A file is someone's upload: nothing in it is trusted because it looks
/// like our export.
/// </summary>
public static class LetterBackupCheck
{
    public const int MaxProblemsListed = 20;
    private const int MaxAccounts = 10_000;
    private const int MaxSignatures = 500_000;
    private const int MaxRevisions = 10_000;
    private const int MaxEventsPerSignature = 200;

    /// <summary>The reminder rules' own refusal (at most weekly, a known zone, a cron they read), or null.</summary>
    private static string? ReminderScheduleProblem(ScheduleBackup schedule)
    {
        if (schedule.ReminderCron!.Length > ReminderSchedule.CronMaxLength)
            return "is too long.";
        try
        {
            _ = new ReminderSchedule(schedule.ReminderCron, schedule.ReminderTimeZone ?? "", schedule.ReminderEveryWeeks);
            return null;
        }
        catch (DomainRuleException rule)
        {
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, rule.Template, rule.Arguments.Select(a => Short(a?.ToString())).ToArray());
        }
    }

    public static List<string> Problems(LetterBackup backup)
    {
        var problems = new List<string>();
        void Check(string? problem, string where)
        {
            if (problem is not null && problems.Count < MaxProblemsListed)
                problems.Add($"{where}: {problem}");
        }
        void Text(string? value, int maxLength, string where, bool required = false) =>
            Check(required && string.IsNullOrWhiteSpace(value) ? "is missing." : TextInputRules.Problem(value, maxLength), where);
        void Lines(string? value, int maxLength, string where) => Check(TextInputRules.LinesProblem(value, maxLength), where);
        void Defined<TEnum>(TEnum value, string where) where TEnum : struct, Enum =>
            Check(Enum.IsDefined(value) ? null : "has a value the app does not know.", where);
        void Email(string? value, string where, bool required = false) =>
            Check(value is null ? (required ? "is missing." : null) : TextInputRules.IsSendableEmailAddress(value) ? null : "is not a valid e-mail address.", where);
        void Web(string? value, int maxLength, string where) =>
            Check(value is null || (value.Length <= maxLength && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                                    && TextInputRules.Problem(value, maxLength) is null)
                ? null : "must be a web address starting with https:// or http://.", where);
        void Hash(string? value, string where, bool required = false) =>
            Check(value is null ? (required ? "is missing." : null) : IsSha256Hex(value) ? null : "is not a link hash this app writes.", where);

        if (backup.Letter is not { } letter)
            return ["The file has no letter in it."];
        if (backup.Accounts.Count > MaxAccounts || backup.Signatures.Count > MaxSignatures || letter.Revisions.Count > MaxRevisions)
            return ["The file lists more accounts, signatures or revisions than one letter can have."];

        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in backup.Accounts)
        {
            Check(accounts.Add(account.Ref ?? "") ? null : "is listed twice.", $"Account \"{Short(account.Ref)}\"");
            Email(account.Email, $"Account \"{Short(account.Ref)}\"", required: true);
        }
        void Account(string? reference, string where) =>
            Check(reference is null || accounts.Contains(reference) ? null : $"names the account \"{Short(reference)}\", which the file does not list.", where);

        var organisations = new HashSet<string>(StringComparer.Ordinal);
        var organisationKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var organisation in backup.Organisations)
        {
            var where = $"Organisation \"{Short(organisation.Ref)}\"";
            Check(organisations.Add(organisation.Ref ?? "") ? null : "is listed twice.", where);
            Text(organisation.Name, Organisation.NameMaxLength, where + " name", required: true);
            Check(organisation.Name is null || organisationKeys.Add(NameNormalizer.Normalize(organisation.Name)) ? null : "is listed twice under different references.", where);
            Check(Countries.IsKnown(organisation.CountryCode) ? null : "has a country code we do not know.", where);
            Web(organisation.Website, Organisation.WebsiteMaxLength, where + " website");
            foreach (var coordinator in organisation.Coordinators ?? [])
                Account(coordinator, where);
        }
        void OrganisationRef(string? reference, string where) =>
            Check(reference is not null && organisations.Contains(reference) ? null : $"names the organisation \"{Short(reference)}\", which the file does not list.", where);

        Check(LetterSlug.IsWellFormed(letter.Slug) ? null : LetterSlug.Rule, "The letter's web address");
        Defined(letter.Kind, "The letter's kind");
        Defined(letter.Status, "The letter's status");
        Defined(letter.WhoMaySign, "Who may sign");
        Defined(letter.Moderation, "The moderation setting");
        OrganisationRef(letter.LeadOrganisation, "The lead organisation");
        Check(letter.Texts.Count == 0 ? "The letter needs its text in at least one language." : null, "The letter");
        Texts(letter.Texts, "The letter's text");
        Check(letter.Texts.FirstOrDefault()?.LanguageCode is { } first && LanguageCodes.Normalize(first) == LanguageCodes.Normalize(letter.PrimaryLanguage)
            ? null : "must be the language of the first text.", "The letter's main language");
        foreach (var (addressee, i) in letter.Addressees.Select((a, i) => (a, i + 1)))
        {
            Text(addressee.Name, LetterAddressee.NameMaxLength, $"Addressee {i}", required: true);
            Text(addressee.Title, LetterAddressee.TitleMaxLength, $"Addressee {i} title");
            Text(addressee.Institution, LetterAddressee.InstitutionMaxLength, $"Addressee {i} institution");
        }
        var coAuthors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var coAuthor in letter.CoAuthors)
        {
            OrganisationRef(coAuthor.Organisation, "A co-author");
            Check(coAuthor.Organisation != letter.LeadOrganisation && coAuthors.Add(coAuthor.Organisation ?? "")
                ? null : "is listed twice (or is the lead organisation).", $"Co-author \"{Short(coAuthor.Organisation)}\"");
        }
        foreach (var editor in letter.Editors)
            Account(editor.Account, "A co-editor");
        Account(letter.CreatedBy, "The letter's creator");
        Account(letter.UpdatedBy, "The letter's last editor");
        Check(letter.DeadlineUtc is null || LetterDeadline.FindZone(letter.DeadlineTimeZone) is not null ? null : "is not a time zone we know.", "The deadline's time zone");
        Check(letter.SignatureGoal is null or > 0 ? null : "must be a positive number.", "The signature goal");
        if (letter.Schedule is { } schedule)
        {
            Check(schedule.OpensAtUtc is null || LetterDeadline.FindZone(schedule.OpensAtTimeZone) is not null ? null : "is not a time zone we know.", "The opening time's zone");
            Account(schedule.OpeningScheduledBy, "The coordinator who scheduled the opening");
            Check(schedule.ReminderCron is null ? null : ReminderScheduleProblem(schedule), "The reminder schedule");
        }
        Check(letter.EmbedHosts.Count <= EmbedHosts.MaxHosts && letter.EmbedHosts.All(EmbedHosts.IsWellFormed) ? null : "are not all plain host names.", "The embedding hosts");

        Check(letter.Revisions.Count == 0 ? "The letter needs at least one revision." : null, "The letter");
        var revisionNumbers = new HashSet<int>();
        foreach (var revision in letter.Revisions)
        {
            var where = $"Revision {revision.Number}";
            Check(revision.Number > 0 && revisionNumbers.Add(revision.Number) ? null : "is numbered twice or not above zero.", where);
            Account(revision.Author, where);
            Lines(revision.Addressees, 100_000, where + " addressees");
            Texts(revision.Texts, where);
        }
        var versionNumbers = new HashSet<int>();
        foreach (var version in letter.Versions)
        {
            var where = $"Version {version.Number}";
            Check(version.Number > 0 && versionNumbers.Add(version.Number) ? null : "is numbered twice or not above zero.", where);
            Account(version.PublishedBy, where);
            Lines(version.ChangeNote, Letter.ChangeNoteMaxLength, where + " change note");
            Texts(version.Texts, where);
        }
        Check(versionNumbers.Count == 0 || versionNumbers.Max() == versionNumbers.Count ? null : "must be numbered 1, 2, 3… without gaps.", "The published versions");
        Check(letter.Status is LetterStatus.Draft or LetterStatus.Archived || versionNumbers.Count > 0 ? null : "is open, closed or delivered but has no published version.", "The letter");

        var signatureRefs = backup.Signatures.Select(s => s.Ref).ToList();
        Check(signatureRefs.Distinct().Count() == signatureRefs.Count ? null : "Two signatures have the same reference.", "The signatures");
        var activeOrganisations = new HashSet<string>(StringComparer.Ordinal);
        var activeEmails = new HashSet<string>(StringComparer.Ordinal);
        var aliasTargets = AliasTargets(backup);
        foreach (var signature in backup.Signatures)
        {
            var where = $"Signature {signature.Ref}";
            var erased = signature.ErasedAt is not null || signature.AnonymisedAt is not null;
            Defined(signature.Kind, where + " kind");
            Defined(signature.Visibility, where + " visibility");
            Defined(signature.State, where + " state");
            Defined(signature.HoldReason, where + " hold reason");
            Defined(signature.Source, where + " source");
            Check(versionNumbers.Contains(signature.VersionNumber) ? null : "was given on a version the file does not have.", where);
            Check(Countries.IsKnown(signature.CountryCode) ? null : "has a country code we do not know.", where);
            Text(signature.SignerName, Signature.NameMaxLength, where + " name", required: !erased);
            Text(signature.OrganisationName, Signature.NameMaxLength, where + " organisation",
                required: signature.Kind == SignerKind.Organisation && signature.ErasedAt is null);
            Text(signature.Role, Signature.RoleMaxLength, where + " role");
            Web(signature.Website, Signature.WebsiteMaxLength, where + " website");
            Email(signature.Email, where + " e-mail");
            Lines(signature.RejectionReason, Signature.ReasonMaxLength, where + " rejection reason");
            Check(signature.EmbedHost is null || EmbedHosts.IsWellFormed(signature.EmbedHost) ? null : "is not a plain host name.", where + " embedding host");
            Check(signature.ClientNetwork is null || (signature.ClientNetwork.Length <= Signature.ClientNetworkMaxLength
                && System.Net.IPNetwork.TryParse(signature.ClientNetwork, out _)) ? null : "is not a network address.", where + " network");
            Hash(signature.ConfirmationTokenHash, where + " confirmation link");
            Hash(signature.WithdrawTokenHash, where + " withdrawal link");
            Check(signature.ConfirmationEmailsSent is >= 0 and <= Signature.MaxConfirmationEmails ? null : "is out of range.", where + " confirmation e-mails");
            if (signature.Organisation is not null)
                OrganisationRef(signature.Organisation, where);
            Account(signature.Representative, where);
            Check(signature.MergedInto is null || (signature.State == SignatureState.Merged && signature.MergedInto != signature.Ref && signatureRefs.Contains(signature.MergedInto.Value))
                ? null : "is merged into a signature the file does not have.", where);
            Check(signature.Events.Count <= MaxEventsPerSignature ? null : "has too long a history.", where);
            foreach (var entry in signature.Events.Take(MaxEventsPerSignature))
            {
                if (entry.FromState is { } from)
                    Defined(from, where + " history");
                Defined(entry.ToState, where + " history");
                Defined(entry.Actor, where + " history");
                Account(entry.ActorAccount, where + " history");
                Lines(entry.Reason, Signature.ReasonMaxLength + 100, where + " history");
                if (entry.Note is { } note)
                    Defined(note, where + " history");
                Lines(entry.NoteArgument, SignatureEvent.NoteArgumentMaxLength, where + " history");
            }
            var (organisationKey, emailKey) = ClaimKeys(signature, aliasTargets);
            // Only signatures that hold claims once restored must be unique; unconfirmed ones may repeat.
            if (Signature.TakesClaimsWhenRestored(signature.State, signature.HoldReason, signature.ConfirmedAt))
            {
                Check(organisationKey is null || activeOrganisations.Add(organisationKey) ? null : "claims an organisation another active signature in the file claims.", where);
                Check(emailKey is null || activeEmails.Add(emailKey) ? null : "uses an e-mail address another active signature in the file uses.", where);
            }
        }

        foreach (var alias in backup.Aliases)
        {
            Text(alias.Alias, Organisation.NameMaxLength, "An organisation alias", required: true);
            Text(alias.OrganisationName, Organisation.NameMaxLength, "An organisation alias's organisation", required: true);
            Account(alias.CreatedBy, "An organisation alias");
        }
        Check(backup.Aliases.Count <= OrganisationAlias.MaxPerLetter ? null : "are too many.", "The organisation aliases");

        var invitationEmails = new HashSet<string>(StringComparer.Ordinal);
        var invitationHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (invitation, i) in backup.PartnerInvitations.Select((p, i) => (p, i + 1)))
        {
            var where = $"Partner invitation {i}";
            Text(invitation.OrganisationName, Organisation.NameMaxLength, where + " organisation", required: true);
            Email(invitation.ContactEmail, where + " contact", required: true);
            Lines(invitation.Message, PartnerInvitation.MessageMaxLength, where + " message");
            Hash(invitation.TokenHash, where + " link", required: true);
            Defined(invitation.State, where + " state");
            Account(invitation.CreatedBy, where);
            Check(invitation.RemindersSent is >= 0 and <= PartnerInvitation.MaxReminders ? null : "is out of range.", where + " reminders");
            Check(invitation.ContactEmail is null || invitationEmails.Add(EmailCanonicalizer.Canonicalize(invitation.ContactEmail)) ? null : "invites a mailbox invited before.", where);
            Check(invitation.TokenHash is null || invitationHashes.Add(invitation.TokenHash) ? null : "has the same link as another invitation.", where);
        }
        return problems;

        void Texts(List<TextBackup>? texts, string where)
        {
            var languages = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in texts ?? [])
            {
                var language = LanguageCodes.Normalize(text.LanguageCode);
                Check(language is null ? "is not a language code we know." : languages.Add(language) ? null : "appears twice.", $"{where} ({Short(text.LanguageCode)})");
                Text(text.Title, LetterText.TitleMaxLength, $"{where} ({Short(text.LanguageCode)}) title", required: true);
                var bytes = Encoding.UTF8.GetByteCount(text.Body ?? "");
                Check(bytes > LetterText.BodyMaxBytes ? $"is {bytes / 1024:N0} KB; a letter may have at most {LetterText.BodyMaxBytes / 1024} KB per language."
                    : LetterMarkdown.Problem(text.Body ?? ""), $"{where} ({Short(text.LanguageCode)}) text");
            }
        }
    }

    /// <summary>Alias key → the organisation key it stands for, as the letter's aliases say.</summary>
    public static Dictionary<string, string> AliasTargets(LetterBackup backup) =>
        backup.Aliases.Where(a => a.Alias is not null && a.OrganisationName is not null)
            .Select(a => (Alias: NameNormalizer.Normalize(a.Alias), Organisation: NameNormalizer.Normalize(a.OrganisationName)))
            .Where(a => a.Alias.Length > 0)
            .GroupBy(a => a.Alias, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Organisation, StringComparer.Ordinal);

    /// <summary>
    /// The claim keys a signature holds, computed from its names as signing computes them (an alias
    /// claims its organisation's key); lapsed and merged signatures gave theirs up.
    /// </summary>
    public static (string? OrganisationKey, string? EmailKey) ClaimKeys(SignatureBackup signature, IReadOnlyDictionary<string, string> aliasTargets)
    {
        if (signature.State is SignatureState.Expired or SignatureState.Merged)
            return (null, null);
        string? organisationKey = null;
        if (signature.Kind == SignerKind.Organisation && !string.IsNullOrWhiteSpace(signature.OrganisationName))
        {
            var key = NameNormalizer.Normalize(signature.OrganisationName);
            organisationKey = aliasTargets.GetValueOrDefault(key, key);
        }
        var emailKey = string.IsNullOrWhiteSpace(signature.Email) ? null : EmailCanonicalizer.Canonicalize(signature.Email);
        return (organisationKey, emailKey);
    }

    private static bool IsSha256Hex(string value) => value.Length == 64 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Short(string? value) => value is null ? "" : value.Length > 30 ? value[..30] + "…" : value;
}
