using System.Diagnostics;
using System.Text;

namespace ProgressTracker.Testing;

/// <summary>Runs a process to completion within a time limit; its output is kept for the failure message.</summary>
/// <remarks>Shared source (linked into the test projects and ops/bench), so internal to each.</remarks>
internal static class Shell
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, bool throwOnError = true,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var lockObj = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lockObj) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lockObj) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took longer than {timeout}:\n{output}");
        }

        var result = new Result(process.ExitCode, output.ToString());
        if (throwOnError && result.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Output}");
        return result;
    }
}
