using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>Steps the delivery and update tests share, through the real commands.</summary>
internal static class DeliveryScenario
{
    /// <summary>Signs through the sign command and confirms through the link in the .eml.</summary>
    public static async Task SignAndConfirmAsync(this SliceFixture app, Sign.Command command)
    {
        await app.SendAsync(command);
        await app.SendAsync(new Confirm.Command(Token(LinkPath(app, command.Email!, "/signatures/confirm/"))));
    }

    /// <summary>Sends what the outbox holds, as the background sender would.</summary>
    public static Task<int> SendQueuedAsync(this SliceFixture app) =>
        app.Factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

    public static Task<List<Mailing>> MailingsAsync(this SliceFixture app) =>
        app.ExecuteDbContextAsync(db => db.Mailings.AsNoTracking().Include(m => m.Messages).OrderBy(m => m.Id).ToListAsync());

    public static Task<int> OutboxCountAsync(this SliceFixture app) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync());
}
