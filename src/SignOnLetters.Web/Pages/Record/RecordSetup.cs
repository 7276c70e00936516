namespace SignOnLetters.Web.Pages.Record;

/// <summary>The signatory record's services: the self-check, the receipts' e-mails and the throttles of the verify page's checks.</summary>
public static class RecordSetup
{
    public static IServiceCollection AddSignatoryRecord(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RecordOptions>(configuration.GetSection(RecordOptions.Section));
        services.AddSingleton<RecordSelfCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordSelfCheck>());
        services.AddSingleton<RecordReceipts>();
        services.AddHostedService(sp => sp.GetRequiredService<RecordReceipts>());
        services.AddPublicCheckThrottling(configuration);
        // A PDF check reads and hashes a file of up to 10 MB: it has a tighter limit of its own.
        services.Configure<PdfCheckRateLimitOptions>(configuration.GetSection(PdfCheckRateLimitOptions.Section));
        services.AddSingleton<PdfCheckRateLimiter>();
        return services;
    }
}
