using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

/// <summary>
/// Hosts whose clock the tests move (a <see cref="FakeTimeProvider"/> replaces the host's TimeProvider), whose e-mail
/// is captured instead of sent, and whose reminders run only when a test runs them. One host per provider per test
/// class; the clock only moves forward, so every test reckons from "now" as it finds it.
/// </summary>
public sealed class ClockedApps() : HostPool<ClockedApp>(ClockedApp.StartAsync);

public sealed class ClockedApp : IAsyncDisposable
{
    public required TestApp App { get; init; }
    public required FakeTimeProvider Clock { get; init; }
    public required CapturedMail Mail { get; init; }

    public const string FormalAuthorityRs = "Centre for Protection of Victims of Trafficking";

    public static async Task<ClockedApp> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var mail = new CapturedMail();
        var app = await TestApp.StartAsync(provider, b =>
        {
            b.UseSetting("Identification:ReminderIntervalMinutes", "0");
            b.UseSetting("Identification:Countries:RS:FormalIdentificationAuthority", FormalAuthorityRs);
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IMailSender>(mail);
            });
        });
        return new ClockedApp { App = app, Clock = clock, Mail = mail };
    }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Moves the clock forward to <paramref name="day"/> (noon UTC).</summary>
    public void MoveTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        if (target < Clock.GetUtcNow()) throw new InvalidOperationException($"The clock only moves forward ({Today} → {day}).");
        Clock.SetUtcNow(target);
    }

    public Task<int> RunRemindersAsync() => ClockReminders.RunAsync(App.Services, CancellationToken.None);

    /// <summary>A user with an e-mail address (so reminders are mailed to them), signed in at the clock's current time.</summary>
    public async Task<(TestUser User, HttpClient Client)> UserAsync(Role role, Guid organisationId)
    {
        var user = await App.NewUserAsync(role, organisationId);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            var u = (await users.FindByIdAsync(user.Id.ToString()))!;
            u.Email = $"{user.UserName}@example.org";
            await users.UpdateAsync(u);
        }
        return (user, await SignInAsync(user));
    }

    /// <summary>Signs in again (a bearer token lives a quarter of an hour of the host's clock, and tests move the clock by days).</summary>
    public Task<HttpClient> SignInAsync(TestUser user) => App.SignInAsync(user);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Keeps every e-mail the host would have sent.</summary>
public sealed class CapturedMail : IMailSender
{
    private readonly ConcurrentQueue<MailMessageText> _sent = new();
    public bool Enabled => true;
    public IReadOnlyList<MailMessageText> Sent => [.. _sent];

    public Task SendAsync(MailMessageText message, CancellationToken ct)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
