using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure.Backups;

/// <summary>
/// <c>Emulation.Web --restore &lt;archive&gt; [--replace]</c>: puts a backup back into the configured
/// data folder (the same <c>Emulation:DataDirectory</c> and <c>ConnectionStrings:Emulation</c> the
/// server reads), migrates the restored database and records the restore in its audit log, then
/// exits without starting the server. Exit code 0 when restored, 2 when refused.
/// </summary>
public static class RestoreCommand
{
    public const string Flag = "--restore";
    public const string ReplaceFlag = "--replace";

    /// <summary>The archive named after <c>--restore</c> and the other arguments, or null when it is not a restore.</summary>
    public static (string Archive, bool Replace, string[] Remaining)? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, Flag);
        if (index < 0)
        {
            return null;
        }

        var archive = index + 1 < args.Length ? args[index + 1] : "";
        var rest = args.Where((_, i) => i != index && i != index + 1).ToList();
        var replace = rest.Remove(ReplaceFlag);
        return (archive, replace, rest.ToArray());
    }

    public static async Task<int> Run(IConfiguration configuration, string archive, bool replace, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        if (DatabaseSetup.Provider(configuration) != DatabaseProvider.Sqlite)
        {
            await output.WriteLineAsync("--restore đặt lại bản sao lưu của cơ sở dữ liệu SQLite; cơ sở dữ liệu PostgreSQL được phục hồi bằng pg_restore. / "
                + "--restore puts back a backup of the SQLite database; a PostgreSQL database is restored with pg_restore.");
            return 2;
        }

        var options = configuration.GetSection(EmulationOptions.Section).Get<EmulationOptions>() ?? new EmulationOptions();
        var connectionString = SqliteSetup.ConnectionString(configuration, options);
        var databasePath = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        try
        {
            if (archive.Length == 0)
            {
                throw new DomainException("Backup.Missing", "");
            }

            var manifest = await BackupArchive.Restore(Path.GetFullPath(archive), databasePath, options.DataPath, replace, DateTime.UtcNow, ct);
            var db = new EmulationDb(new DbContextOptionsBuilder<EmulationDb>().UseSqlite(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()).Options);
            await using (db)
            {
                await db.Database.MigrateAsync(ct);
                db.AuditEntries.Add(AuditEntry.Create(DateTime.UtcNow, $"console:{Environment.UserName}", AuditActions.BackupRestored, Path.GetFileName(archive),
                    null, $"made {manifest.CreatedAtUtc:u} by {manifest.CreatedBy}", null));
                await db.SaveChangesAsync(ct);
            }

            await output.WriteLineAsync($"Đã khôi phục bản sao lưu {archive} vào {databasePath} ({manifest.EvidenceFiles} tệp minh chứng). / Restored {archive} into {databasePath} ({manifest.EvidenceFiles} evidence files).");
            return 0;
        }
        catch (DomainException refused)
        {
            var (vi, en) = refused.Key switch
            {
                "Backup.DatabaseExists" => ($"Đã có cơ sở dữ liệu {databasePath}; thêm {ReplaceFlag} để thay (cơ sở dữ liệu cũ được giữ lại bên cạnh).",
                    $"A database exists at {databasePath}; add {ReplaceFlag} to replace it (the old one is kept beside it)."),
                "Backup.Missing" => ($"Không tìm thấy tệp sao lưu '{archive}'.", $"No backup file '{archive}'."),
                _ => ($"Tệp '{archive}' không phải bản sao lưu của ứng dụng này; không thay đổi gì.", $"'{archive}' is not a backup of this application; nothing was changed."),
            };
            await output.WriteLineAsync($"{vi} / {en}");
            return 2;
        }
    }
}
