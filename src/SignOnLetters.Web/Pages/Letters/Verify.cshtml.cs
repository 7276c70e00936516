using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SignOnLetters.Domain;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>/letters/{slug}/verify</c> (a public URL contract, issue 22): anyone checks a PDF of the letter
/// without an account or JavaScript (<see cref="OnPostPdfAsync"/>). The signatory record's forms
/// (a head, a receipt) join this page from the record's branch.
/// </summary>
// The upload stays in memory (files are never written, not even to ASP.NET's temporary folder), and
// a 20 MB file still reaches the handler, which refuses it with a message rather than a bare 413.
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit, MemoryBufferThreshold = UploadLimit)]
public class Verify(IMediator mediator) : PageModel
{
    private const int UploadLimit = 32 * 1024 * 1024;

    public Contact.Model Letter { get; private set; } = null!;

    public CheckPdfView PdfCheck { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Contact.Query(slug), cancellationToken);
        PdfCheck = new CheckPdfView(Letter.Slug, null);
    }

    public async Task<IActionResult> OnPostPdfAsync(string slug, IFormFile? pdf, CancellationToken cancellationToken)
    {
        // Loaded first: a refused file re-renders this page with the message.
        Letter = await mediator.Send(new Contact.Query(slug), cancellationToken);
        PdfCheck = new CheckPdfView(Letter.Slug, null);
        if (pdf is null || pdf.Length == 0)
            throw new DomainRuleException("Choose a PDF file to check.");
        await using var stream = pdf.OpenReadStream();
        PdfCheck = PdfCheck with { Result = await mediator.Send(new CheckLetterPdf(slug, stream), cancellationToken) };
        return Page();
    }
}

/// <summary>What <c>_CheckPdf.cshtml</c> shows: the form, and the last check's answer when there is one.</summary>
public sealed record CheckPdfView(string Slug, CheckLetterPdf.Result? Result);
