namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// "A letter's active signatures" as a query, written once: waiting for confirmation or review, or
/// approved (<see cref="Signature.IsActive"/> in memory). Among them, those that have taken their claims
/// hold the letter's organisation and e-mail (ADR 0004); the unique indexes repeat this condition, so a
/// lookup by key through it is a seek.
/// </summary>
public static class ActiveSignatures
{
    public static IQueryable<Signature> ActiveOf(this IQueryable<Signature> signatures, int letterId) =>
        signatures.Where(s => s.LetterId == letterId && (int)s.State < Signature.ActiveStateLimit);
}
