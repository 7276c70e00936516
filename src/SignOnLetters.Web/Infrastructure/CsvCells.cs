namespace SignOnLetters.Web.Infrastructure;

/// <summary>The one rule for cells of every CSV the app writes (the signature export, the letter PDF's signatory list).</summary>
public static class CsvCells
{
    /// <summary>
    /// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before
    /// reading a formula) is run as a formula when opened: "=HYPERLINK(...)" in a signer's name would
    /// phish the coordinator. A leading apostrophe makes it text (OWASP's CSV injection advice).
    /// </summary>
    public static string? Safe(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
}
