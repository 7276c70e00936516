namespace SignOnLetters.Web.Pages.Sharing;

/// <summary>What the share card on the letter's status page shows.</summary>
/// <param name="Public">Whether the short link leads anywhere yet: drafts are not public.</param>
public sealed record ShareLinks(string Slug, string ShortLink, bool Public);
