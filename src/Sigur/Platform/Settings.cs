using System.ComponentModel.DataAnnotations;

namespace Sigur.Platform;

/// <summary>
/// Settings are typed: each configuration section binds once, at start-up, to its class, which is validated there
/// and then (a wrong value stops Sigur naming the key and the reason, never later in a request) and is injected as
/// itself. Nothing else reads configuration keys.
/// </summary>
public static class Settings
{
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration config, string section) where T : class, new()
    {
        var settings = config.GetSection(section).Get<T>() ?? new T();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true))
            throw new InvalidSettingsException(string.Join("; ", problems.Select(p =>
                $"{string.Join(", ", p.MemberNames.Select(m => $"{section}:{m}"))}: {p.ErrorMessage}")));
        services.AddSingleton(settings);
        return settings;
    }
}

/// <summary>A configuration value Sigur cannot run with; the message names the key and the rule, and holds no secret.</summary>
public sealed class InvalidSettingsException(string message) : Exception("Invalid configuration: " + message);

/// <summary>
/// The section "Sigur" (README, Configuration). The key-encryption key's file is found by
/// <see cref="KeyEncryptionKey.FileFrom"/>, which backup and restore also use before there is a host.
/// </summary>
public sealed class SigurSettings
{
    /// <summary>Create demo data on first start (true in Development).</summary>
    public bool DemoData { get; set; }

    [Range(1, 24 * 60, ErrorMessage = "sign-out after 1 to 1440 minutes of inactivity")]
    public int IdleTimeoutMinutes { get; set; } = 20;
}
