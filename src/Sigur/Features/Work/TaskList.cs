namespace Sigur.Features.Work;

/// <summary>What the _Tasks partial shows: a titled list of tasks, with a "done" button when the reader may end them; <paramref name="Link"/> where to act instead of the case's tasks.</summary>
public sealed record TaskList(string Id, string Title, IReadOnlyList<TaskView> Tasks, bool MayEnd, string? Link = null);
