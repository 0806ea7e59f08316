using Spectre.Console;

namespace Sigur.Features.Duplicates;

/// <summary>
/// A progress bar on standard error for long pprl work. Workers only add to a counter; the bar
/// polls it, so the hot loops never wait on the console. When standard error is not a terminal
/// (scripts, tests) the work runs without a bar.
/// </summary>
internal static class PprlProgress
{
    public static T Run<T>(string description, long total, Func<Action<long>, T> work)
    {
        if (Console.IsErrorRedirected || total == 0)
            return work(static _ => { });

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: total);
                long done = 0;
                var worker = Task.Run(() => work(n => Interlocked.Add(ref done, n)));
                while (!worker.Wait(100))
                {
                    task.Value = Interlocked.Read(ref done);
                    context.Refresh();
                }
                task.Value = total;
                result = worker.GetAwaiter().GetResult();
            });
        return result;
    }
}
