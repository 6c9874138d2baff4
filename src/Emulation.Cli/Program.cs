using System.Text;
using Emulation.Cli;

Console.OutputEncoding = new UTF8Encoding(false);

// Commands write (JSON) straight to the bytes of stdout through one 64 KB buffer, flushed once.
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
var code = CommandLine.Run(args, output, Console.Error);
output.Flush();
return code;
