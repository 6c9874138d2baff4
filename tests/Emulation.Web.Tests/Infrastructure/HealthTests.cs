using System.Net;
using Microsoft.Data.Sqlite;

namespace Emulation.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_200_when_the_database_answers()
    {
        using var factory = new EmulationFactory();

        var response = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [SqliteFact]
    public async Task Health_answers_503_when_the_database_does_not_answer()
    {
        using var factory = new EmulationFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        // The file is replaced by one that is not a database at all.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(factory.DatabasePath + suffix);
        }

        await File.WriteAllTextAsync(factory.DatabasePath, "this is not a database file, it is plain text of some length to be sure");

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
