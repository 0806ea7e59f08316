using System.CommandLine;
using Sigur.Matching;
using Spectre.Console;

namespace Sigur.Features.Duplicates;

/// <summary>
/// Command-line verbs for finding the same person twice: `names latin|key` for a single name, and
/// `match dedupe|link` for whole registers in CSV. Start here; the engine is Sigur.Matching.RecordLinkage.
/// </summary>
public static class MatchCommands
{
    public static IEnumerable<Command> Build() => [NamesCommand(), MatchCommand()];

    private static Command NamesCommand()
    {
        var text = new Argument<string>("text") { Description = "A name or any text" };
        var lang = new Option<string>("--lang") { Description = "Cyrillic alphabet: sr (Serbian) or mk (Macedonian)", DefaultValueFactory = _ => "sr" };
        lang.AcceptOnlyFromAmong("sr", "mk");
        var system = new Option<string>("--system") { Description = "Macedonian romanisation: official (BGN/PCGN 2013) or passport", DefaultValueFactory = _ => "official" };
        system.AcceptOnlyFromAmong("official", "passport");
        var latin = new Command("latin", "Print the Latin form, keeping case and everything that is not Cyrillic") { text, lang, system };
        latin.SetAction(parse =>
        {
            var language = parse.GetValue(lang) == "mk" ? CyrillicLanguage.Macedonian : CyrillicLanguage.Serbian;
            var romanisation = parse.GetValue(system) == "passport" ? MacedonianRomanisation.Passport : MacedonianRomanisation.Official;
            parse.InvocationConfiguration.Output.WriteLine(Transliteration.ToLatin(parse.GetValue(text)!, language, romanisation));
            return 0;
        });
        var keyText = new Argument<string>("text") { Description = "A name" };
        var key = new Command("key", "Print the matching key: Latin, folded, lower case, tokens sorted") { keyText };
        key.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(NameKey.For(parse.GetValue(keyText)!));
            return 0;
        });
        return new Command("names", "Transliterate and key personal names") { latin, key };
    }

    private static Command MatchCommand()
    {
        var input = new Argument<string>("input") { Description = "CSV file with a header row" };
        var dedupe = new Command("dedupe", "Likely duplicates within one file: writes id1,id2,score") { input };
        var dedupeOptions = new CommonOptions(dedupe);
        dedupe.SetAction(parse => Run(parse, dedupeOptions, settings =>
        {
            var map = MatchCsv.ParseMap(parse.GetValue(dedupeOptions.Map));
            var records = MatchCsv.Read(parse.GetValue(input)!, parse.GetValue(dedupeOptions.Id)!, map);
            var (pairs, report) = RecordLinkage.Deduplicate(records, settings);
            MatchCsv.Write(parse.GetValue(dedupeOptions.Out)!, ["id1", "id2", "score"], pairs);
            return (report, pairs.Count);
        }));

        var left = new Argument<string>("left") { Description = "Left CSV file" };
        var right = new Argument<string>("right") { Description = "Right CSV file" };
        var link = new Command("link", "One-to-one links between two files: writes left_id,right_id,score") { left, right };
        var linkOptions = new CommonOptions(link);
        link.SetAction(parse => Run(parse, linkOptions, settings =>
        {
            var map = MatchCsv.ParseMap(parse.GetValue(linkOptions.Map));
            var id = parse.GetValue(linkOptions.Id)!;
            var leftRecords = MatchCsv.Read(parse.GetValue(left)!, id, map);
            var rightRecords = MatchCsv.Read(parse.GetValue(right)!, id, map);
            var (links, report) = RecordLinkage.Link(leftRecords, rightRecords, settings);
            MatchCsv.Write(parse.GetValue(linkOptions.Out)!, ["left_id", "right_id", "score"], links);
            return (report, links.Count);
        }));

        return new Command("match", "Find the same person twice in person registers (CSV), or across the organisations in the database (scan)") { dedupe, link, ScanCommand() };
    }

    /// <summary>`sigur match scan`: the nightly cross-organisation scan (<see cref="PersonScan"/>) on demand, with a progress bar.</summary>
    private static Command ScanCommand()
    {
        var scan = new Command("scan", "Find persons held by two organisations who are likely one person, and queue the pairs for the data-protection officer's review");
        scan.SetAction((parse, ct) => Host.Commands.WithServices(async sp =>
        {
            var progress = sp.GetRequiredService<PersonScanProgress>();
            var clock = sp.GetRequiredService<TimeProvider>();
            progress.TryStart(clock.GetUtcNow().UtcDateTime); // a new process: no other scan of its own runs
            PersonScan.Outcome outcome;
            var failed = true;
            try
            {
                var work = PersonScan.RunAsync(sp, progress, null, ct);
                if (!Console.IsErrorRedirected)
                {
                    var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                    await console.Progress().AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                        .StartAsync(async context =>
                        {
                            var task = context.AddTask("Scanning", maxValue: 100);
                            while (!work.IsCompleted)
                            {
                                var status = progress.Current;
                                task.Description = $"Scanning: {status.Stage}";
                                task.Value = status.Percent;
                                await Task.WhenAny(work, Task.Delay(200, ct));
                            }
                            task.Description = "Scanning: done";
                            task.Value = 100;
                        });
                }
                outcome = await work;
                failed = false;
            }
            finally
            {
                progress.Finish(clock.GetUtcNow().UtcDateTime, null, failed);
            }
            parse.InvocationConfiguration.Output.WriteLine(
                $"{outcome.Persons:N0} persons; {outcome.CandidatePairs:N0} likely pairs across organisations; {outcome.Proposed:N0} newly queued for review.");
            return 0;
        }));
        return scan;
    }

    private sealed class CommonOptions
    {
        public Option<string> Id { get; } = new("--id") { Description = "Column holding the record identifier", Required = true };
        public Option<string> Out { get; } = new("--out") { Description = "Output CSV file", Required = true };
        public Option<string[]> Map { get; } = new("--map") { Description = "role=column, e.g. --map given_name=ime; roles: " + MatchCsv.KnownRoles, Arity = ArgumentArity.ZeroOrMore };
        public Option<double> Threshold { get; } = new("--threshold") { Description = "Match probability from which a pair is a match", DefaultValueFactory = _ => 0.5 };

        public CommonOptions(Command command)
        {
            command.Options.Add(Id);
            command.Options.Add(Out);
            command.Options.Add(Map);
            command.Options.Add(Threshold);
        }
    }

    private static int Run(ParseResult parse, CommonOptions options, Func<MatchSettings, (MatchReport Report, int Written)> work)
    {
        var error = parse.InvocationConfiguration.Error;
        double threshold = parse.GetValue(options.Threshold);
        if (threshold is <= 0 or >= 1)
        {
            error.WriteLine($"--threshold {threshold}: must be between 0 and 1");
            return 2;
        }
        try
        {
            var (report, written) = WithProgress(error, progress => work(new MatchSettings { Threshold = threshold, Progress = progress }));
            foreach (var line in report.Lines()) error.WriteLine(line);
            error.WriteLine($"wrote {written:N0} rows to {parse.GetValue(options.Out)}");
            return 0;
        }
        catch (MatchInputException e)
        {
            error.WriteLine(e.Message);
            return 2;
        }
        catch (IOException e)
        {
            error.WriteLine(e.Message.ReplaceLineEndings(" "));
            return 2;
        }
    }

    /// <summary>A Spectre progress bar on standard error when it is a terminal; silent otherwise (logs, tests, pipes).</summary>
    private static T WithProgress<T>(TextWriter error, Func<Action<string, long, long>?, T> work)
    {
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected) return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                void Report(string stage, long done, long total)
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(stage, out var task))
                        {
                            foreach (var t in tasks.Values) t.Value = t.MaxValue;
                            tasks[stage] = task = ctx.AddTask(stage, maxValue: Math.Max(1, total));
                        }
                        task.Value = Math.Min(done, task.MaxValue);
                    }
                }
                var result = work(Report);
                lock (tasks) foreach (var t in tasks.Values) t.Value = t.MaxValue;
                return result;
            });
    }
}
