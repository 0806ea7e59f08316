// Test classes run in parallel (each has its own hosts and data); the machine has 2 cores.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
