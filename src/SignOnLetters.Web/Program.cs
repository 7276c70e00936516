using SignOnLetters.Web.Api.Osdi;
using SignOnLetters.Web.Documents.Sealing;
using SignOnLetters.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Identity;
using SignOnLetters.Web.Api;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Infrastructure.Database;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Infrastructure.Seeding;
using SignOnLetters.Web.Pages.Signatures.Importing;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Pages.Record;

// Composition only: what runs where is decided here, how it works lives in the slices and Infrastructure/.

// The container's health check (its image has no shell or curl): ask the running app, start nothing.
if (HealthProbe.IsRequested(args))
    return await HealthProbe.RunAsync(args, Console.Out);

var seedDemo = args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase);
var builder = WebApplication.CreateBuilder(ImportSignaturesVerb.HostArguments(args).Where(a => !a.Equals("--seed-demo", StringComparison.OrdinalIgnoreCase)).ToArray());
var services = builder.Services;

services.AddAppDatabase(builder.Configuration);
services.AddSingleton(TimeProvider.System);
// The browser journeys move time forward through a file (see JourneyClock); never set in a deployment.
JourneyClock.AddIfConfigured(services, builder.Configuration);
services.AddSingleton<ListCursors>();
services.Configure<PageBoundaryOptions>(builder.Configuration.GetSection(PageBoundaryOptions.Section));
services.AddSingleton<PageBoundaries>();
services.AddHttpContextAccessor();
services.AddScoped<ICurrentUser, HttpContextCurrentUser>();
services.AddPublicAddress(builder.Configuration, builder.Environment);

services.AddAppIdentity();

services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
services.AddTransient<IMailTransport, MailKitEmailSender>();
// One queue for every e-mail, two implementations chosen by the kind of message (ADR 0013); none is
// sent in the request. Identity's pages hand their account e-mails to our writer (AccountEmails).
services.AddKeyedSingleton<IEmailQueue>(EmailKind.SingleUseLink, (sp, _) => sp.GetRequiredService<ConfirmationMailer>());
services.AddKeyedScoped<IEmailQueue, OutboxQueue>(EmailKind.Record);
services.AddScoped<AccountEmails>();
services.AddScoped<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<AccountEmails>());
services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
services.AddSingleton<OutboxSender>();
services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
services.Configure<SignOnLetters.Web.Infrastructure.Webhooks.WebhookOptions>(builder.Configuration.GetSection(SignOnLetters.Web.Infrastructure.Webhooks.WebhookOptions.Section));
services.AddSingleton<SignOnLetters.Web.Infrastructure.Webhooks.WebhookSecrets>();
services.AddSingleton<SignOnLetters.Web.Infrastructure.Webhooks.WebhookPoster>();
services.AddSingleton<SignOnLetters.Web.Infrastructure.Webhooks.WebhookEvents>();

services.AddMediator(options =>
{
    // Scoped, not the default singleton: handlers take the scoped AppDbContext.
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ReadableTextBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)];
});
// Singletons: a validator's rules are built once, not on every request (building the signing
// rules cost more CPU than the rest of a signature's validation). Validators hold no per-request state.
services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/Organisations");
        options.Conventions.AuthorizeFolder("/Memberships");
        // Letters are coordinators' work, except what the public reads and signs.
        options.Conventions.AuthorizeFolder("/Letters")
            .AllowAnonymousToPage("/Letters/Index")
            .AllowAnonymousToPage("/Letters/View")
            .AllowAnonymousToPage("/Letters/Signatories")
            .AllowAnonymousToPage("/Letters/Pdf")
            .AllowAnonymousToPage("/Letters/Embed")
            .AllowAnonymousToPage("/Letters/Contact")
            .AllowAnonymousToPage("/Letters/Versions");
        options.ThrottleAccountEmailPages();
    })
    .AddMvcOptions(options =>
    {
        options.Filters.Add<MediatorOutcomePageFilter>();
        // Required fields are the validators' business, with messages written for people; MVC's
        // implicit [Required] on non-nullable strings would add "The SignerName field is required."
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
    });
services.AddAppResponseCompression();
services.AddPublicLetterPageCache();
services.AddAppLocalisation(builder.Configuration);
services.AddSingleton<SignOnLetters.Web.Documents.LetterPdfCache>();
services.Configure<SignOnLetters.Web.Documents.LetterPdfOptions>(builder.Configuration.GetSection(SignOnLetters.Web.Documents.LetterPdfOptions.Section));
services.AddSingleton<SignOnLetters.Web.Documents.LetterPdfFiles>();
services.AddSingleton<SignOnLetters.Web.Documents.LetterPdfJobs>();
services.AddHostedService(sp => sp.GetRequiredService<SignOnLetters.Web.Documents.LetterPdfJobs>());
services.AddSingleton<SignOnLetters.Web.Documents.LetterPdfFileSweep>();
services.AddHostedService(sp => sp.GetRequiredService<SignOnLetters.Web.Documents.LetterPdfFileSweep>());
services.AddSingleton<SignOnLetters.Web.Infrastructure.Markdown.RenderedMarkdown>();
services.AddScoped<SignOnLetters.Web.Documents.LetterPdfSource>();
services.AddScoped<SignOnLetters.Web.Pages.Signatures.UnsubscribeLinks>();
services.AddScoped<SignOnLetters.Web.Pages.Signatures.ReminderStopLinks>();
services.AddScoped<SignOnLetters.Web.Pages.Organisations.CoAuthorshipNotices>();
services.AddScoped<SignOnLetters.Web.Pages.Signing.OrganisationReviewNotice>();
services.Configure<SignOnLetters.Web.Pages.Letters.UpdateOptions>(builder.Configuration.GetSection(SignOnLetters.Web.Pages.Letters.UpdateOptions.Section));
services.AddScoped<DemoSeeder>();
services.Configure<ImportFileOptions>(builder.Configuration.GetSection(ImportFileOptions.Section));
services.AddSingleton<ImportFileStore>();
services.AddScoped<SignatureImporter>();
services.AddScoped<AdministratorSetup>();
services.AddSingleton<LetterDeadlineCloser>();
services.AddHostedService(sp => sp.GetRequiredService<LetterDeadlineCloser>());
services.AddSingleton<LetterScheduler>();
services.AddHostedService(sp => sp.GetRequiredService<LetterScheduler>());
services.Configure<SignatureRetentionOptions>(builder.Configuration.GetSection(SignatureRetentionOptions.Section));
services.AddSingleton<SignatureRetention>();
services.AddHostedService(sp => sp.GetRequiredService<SignatureRetention>());
services.AddSingleton<SignatureRecount>();
services.AddHostedService(sp => sp.GetRequiredService<SignatureRecount>());
services.AddSigning(builder.Configuration);
services.AddSealing(builder.Configuration);
services.AddSignatoryRecord(builder.Configuration);
services.Configure<SignOnLetters.Web.Pages.Letters.ContactRateLimitOptions>(builder.Configuration.GetSection(SignOnLetters.Web.Pages.Letters.ContactRateLimitOptions.Section));
services.AddSingleton<SignOnLetters.Web.Pages.Letters.ContactRateLimiter>();
services.Configure<OsdiRateLimitOptions>(builder.Configuration.GetSection(OsdiRateLimitOptions.Section));
services.AddSingleton<OsdiRateLimiter>();
services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
services.AddTokenLinkThrottling(builder.Configuration);
services.AddAccountEmailThrottling(builder.Configuration);
services.AddTransportSecurity(builder.Configuration);
// Last: it wraps the e-mail senders registered above.
services.AddRecipientEmailLimit(builder.Configuration);

var app = builder.Build();
// Read (or, where allowed, created) now: a missing sealing key stops start-up with an explanation
// instead of failing the first delivery (docs/operations/sealing.md).
app.Services.GetRequiredService<SealKeys>();
app.Services.UseLocalisedValidationMessages();
PublicAddress.WarnIfMissing(app.Services);

await app.Services.MigrateDatabaseAsync();
// A command-line verb runs with the server's configuration and database, then exits without serving.
if (ImportSignaturesVerb.IsRequested(args))
    return await ImportSignaturesVerb.RunAsync(app.Services, args, Console.Out, Console.Error);
await AdministratorSetup.RunAsync(app.Services);
if (seedDemo || DemoSeeder.IsRequested([], app.Configuration))
    await DemoSeeder.RunAsync(app.Services);

// First: later middleware and the signing rate limit see the client's address (from known proxies only).
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/Error",
        StatusCodeSelector = SignOnLetters.Web.Infrastructure.Database.DatabaseUnavailable.StatusCodeFor,
    });
    app.UseHsts();
}
app.UseTransportSecurity(app.Configuration);
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
app.UseSecurityHeaders();
// The reader's language: interface texts, dates, numbers and country names (Infrastructure/Localisation).
app.UseRequestLocalization();
app.UseResponseCompression();
app.UseAppStaticFiles();
app.UseRouting();
app.UseRequestBodyLimits();
// After routing (the page's policy is endpoint metadata), before authentication: a cached public
// page is answered without loading the user (the policy itself skips anyone with an account cookie).
app.UsePublicLetterPageCache();
app.UseRateLimiter();
app.UseAuthentication();
app.UseTwoFactorStepGuard();
app.UseAuthorization();

app.MapRazorPages();
app.MapSignatureApi();
app.MapRecordApi();
app.MapHealthChecks("/healthz");
app.MapLetterApi();
app.MapOsdiApi();
// The load benchmark's HTTP ceiling: an endpoint that does nothing, behind the same middleware as
// the sign API. Off unless configuration turns it on (bench/SignOnLetters.Benchmarks, load mode).
if (app.Configuration.GetValue<bool>("Diagnostics:BareEndpoint"))
    app.MapPost("/_bench/noop", () => Results.Json(new { state = "pendingConfirmation" }, statusCode: StatusCodes.Status202Accepted)).DisableAntiforgery();

await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
