using System.Text;
using Emulation.Cli;

Console.OutputEncoding = new UTF8Encoding(false);

// Commands write (JSON) straight to the bytes of stdout through one 64 KB buffer, flushed once.
// Not disposed: after a failed write, disposing would flush (and fail) again.
var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
try
{
    var code = CommandLine.Run(args, output, Console.Error);
    output.Flush();
    return code;
}
catch (IOException e)
{
    // stdout closed early (`emulation rank … | head`) or a disk error: a message, not a stack trace.
    Console.Error.WriteLine($"lỗi ghi/đọc (I/O error): {e.Message}");
    return CommandLine.Failed;
}
