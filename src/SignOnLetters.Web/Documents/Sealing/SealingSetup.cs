namespace SignOnLetters.Web.Documents.Sealing;

public static class SealingSetup
{
    /// <summary>The sealing key (read at start-up) and the seal check.</summary>
    public static IServiceCollection AddSealing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SealingOptions>(configuration.GetSection(SealingOptions.Section));
        services.AddSingleton<SealKeys>();
        services.AddSingleton<SealedPdfCheck>();
        return services;
    }
}
