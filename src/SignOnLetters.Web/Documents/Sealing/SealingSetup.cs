using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Documents.Sealing;

public static class SealingSetup
{
    /// <summary>The sealing key (read at start-up), the seal check and the PDF check's limit.</summary>
    public static IServiceCollection AddSealing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SealingOptions>(configuration.GetSection(SealingOptions.Section));
        services.AddSingleton<SealKeys>();
        services.AddSingleton<SealedPdfCheck>();
        services.Configure<PdfCheckRateLimitOptions>(configuration.GetSection(PdfCheckRateLimitOptions.Section));
        services.AddSingleton<PdfCheckRateLimiter>();
        return services;
    }
}
