using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>The signatory record's services: the self-check, the receipts' e-mails and the throttle of the verify page's checks.</summary>
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
        return services;
    }
}
