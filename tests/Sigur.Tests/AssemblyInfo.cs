// Test classes run in parallel (each has its own hosts and data); the machine has 2 cores.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]

namespace Sigur.Tests
{
    internal static class TestProcess
    {
        /// <summary>
        /// Many hosts live at once in this process, and each would watch its settings files through inotify; Linux
        /// allows 128 inotify instances per user, which a parallel suite (and anything else the user runs) exceeds.
        /// No test changes a settings file while its host runs, so the hosts do not watch them.
        /// </summary>
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void DoNotWatchSettingsFiles()
        {
            Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
            Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        }
    }
}
