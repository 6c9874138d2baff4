using System.Globalization;
using Emulation.Load;

// emulation-load [options]: see tests/load/deadline-hour.sh and tests/load/crash.sh.
var options = new LoadOptions();
string? unitsFolder = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--base-url": options.BaseUrls.Add(new Uri(Next())); break;
        case "--units": options.Units = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--duration": options.Duration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--readers": options.Readers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--reader-pause": options.ReaderPause = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--think": options.Think = TimeSpan.FromMilliseconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--arrival": options.ArrivalShare = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--crash": options.Crash = true; break;
        case "--crash-server": options.CrashServer = int.Parse(Next(), CultureInfo.InvariantCulture) - 1; break;
        case "--servers": options.Servers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--nginx": options.NginxPort = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--database": options.Database = Next(); break;
        case "--connection": options.ConnectionString = Next(); break;
        case "--data": options.DataDirectory = Next(); break;
        case "--keep": options.Keep = true; break;
        case "--web": options.WebDll = Next(); break;
        case "--run-id": options.RunId = Next(); break;
        case "--write-units": unitsFolder = Next(); break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

if (unitsFolder is not null)
{
    // Only the criteria folder with the synthetic units (for tests/cluster/start.sh).
    Console.WriteLine(UnitsFile.Write(options.RepositoryRoot, unitsFolder, options.Units));
    return 0;
}

var result = await LoadRun.Run(options);
var passed = result.Passed && result.WithinDuration;
Console.WriteLine(passed ? "PASSED" : result.Passed ? "FAILED: not every unit submitted within the duration" : "FAILED");
return passed ? 0 : 1;
