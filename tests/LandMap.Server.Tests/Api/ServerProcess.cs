using System.Diagnostics;
using System.Text;
using LandMap.Tests.Shared;

namespace LandMap.Server.Tests.Api;

/// <summary>
/// A real <c>landmap serve</c> child process on a free loopback port: started, awaited until it answers, and killed with
/// its whole process tree on dispose. Its output is drained all the time (a full pipe would stall the server) and kept
/// for the failure message.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const string StartedLine = "LandMap 地图已启动: ";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>From process start until the first API answer.</summary>
    public TimeSpan StartUp { get; private set; }

    /// <summary>A client without credentials, based at the server's URL.</summary>
    public HttpClient Client { get; private set; } = null!;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Runs <c>landmap serve --port 0 --db <paramref name="database"/></c> with the settings in <paramref name="environment"/>.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string database, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var server = new ServerProcess(name, Checkout.StartLandmap(environment, "serve", "--port", "0", "--db", database));
        try
        {
            await server.WaitUntilAnsweringAsync(timeout);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        server.StartUp = clock.Elapsed;
        return server;
    }

    /// <summary>Waits for the started line (printed once the store is open and the basemap built), then for an API answer.</summary>
    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!_url.Task.IsCompleted)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Server {Name} exited with {_process.ExitCode} before it started:\n{Output}");
            if (deadline.IsCancellationRequested) throw new TimeoutException($"Server {Name} did not start in {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(100);
        }
        Client = new HttpClient { BaseAddress = await _url.Task, Timeout = TimeSpan.FromMinutes(2) };
        while (true)
        {
            try
            {
                using var response = await Client.GetAsync("/api/parcels?limit=1", deadline.Token);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Server {Name} printed its URL but did not answer in {timeout.TotalSeconds} s:\n{Output}");
            }
            if (_process.HasExited) throw new InvalidOperationException($"Server {Name} exited with {_process.ExitCode}:\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        var at = line.IndexOf(StartedLine, StringComparison.Ordinal);
        if (at >= 0) _url.TrySetResult(new Uri(line[(at + StartedLine.Length)..].Split(' ', 2)[0]));
    }

    public void Dispose()
    {
        Client?.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        _process.Dispose();
    }
}
