namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// The one rule for cells a spreadsheet would run as a formula, in every file the app writes for
/// one: the signature CSV, the letter PDF's signatory list, and the signature spreadsheet (XLSX).
/// </summary>
public static class CsvCells
{
    /// <summary>
    /// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip before
    /// reading a formula) is run as a formula when opened: "=HYPERLINK(...)" in a signer's name would
    /// phish the coordinator.
    /// </summary>
    public static bool LooksLikeFormula(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>In CSV, a leading apostrophe makes such a cell text (OWASP's CSV injection advice).</summary>
    public static string? Safe(string? cell) => LooksLikeFormula(cell) ? "'" + cell : cell;
}
