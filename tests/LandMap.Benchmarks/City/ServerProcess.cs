using System.Diagnostics;
using System.Reflection;

namespace LandMap.Benchmarks.City;

/// <summary>
/// The map server in a child process (<c>city serve</c>: the same <c>LandMapServer.Build</c> as <c>landmap serve</c>),
/// so its resident memory is its own and its start includes the runtime's. Stdout is watched for the URL it prints.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string db)
    {
        var (file, prefix) = Environment.ProcessPath is { } path && !Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (path, "")
            : ("dotnet", $"\"{Assembly.GetExecutingAssembly().Location}\" ");
        var start = new ProcessStartInfo(file, $"{prefix}city serve --db \"{db}\" --port 0")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Paths.GisData)!,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.IndexOf("http://", StringComparison.Ordinal) is >= 0 and var at) _url.TrySetResult(e.Data[at..].Split(' ')[0]);
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"  [server] {e.Data}"); };
        _process.Exited += (_, _) => _url.TrySetException(new InvalidOperationException($"The server exited with {_process.ExitCode}."));
        _process.EnableRaisingEvents = true;
    }

    public int Id => _process.Id;

    /// <summary>Starts the server and returns once it printed its URL.</summary>
    public static async Task<(ServerProcess Server, string Url)> StartAsync(string db)
    {
        var server = new ServerProcess(db);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return (server, await server._url.Task.WaitAsync(TimeSpan.FromMinutes(5)));
    }

    /// <summary>Resident set size now and at its peak (VmRSS, VmHWM of /proc/PID/status), MB.</summary>
    public (double Rss, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        double Kb(string key) => double.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0]) / 1024;
        return (Kb("VmRSS"), Kb("VmHWM"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
