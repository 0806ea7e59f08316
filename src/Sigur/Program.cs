using Sigur.Host;

// `sigur` with no verb (or with only options, as `dotnet run` and the test host pass) serves the web UI and API;
// a verb runs that command (see Platform/Commands.cs), and so do --help and --version, which print and exit.
if (args.Length == 0 || (args[0].StartsWith('-') && !Commands.AsksForHelpOrVersion(args)))
    return await Serve.RunAsync(args);
return await Commands.Build().Parse(args).InvokeAsync();

public partial class Program;
