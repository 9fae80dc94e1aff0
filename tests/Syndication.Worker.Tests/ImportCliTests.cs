namespace Syndication.Worker.Tests;

public sealed class ImportCliTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private Dictionary<string, string> Environment => new()
    {
        ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db"),
    };

    [Fact]
    public async Task Import_reports_bad_files_with_path_and_line_and_imports_the_rest()
    {
        var seeds = Path.Combine(_root, "seeds");
        await File.WriteAllTextAsync(Path.Combine(seeds, "kinh-te", "hong.txt"), "Multimedia Đọc Báo in\n\nTiêu đề không có giờ\n\nĐoạn mở đầu.");
        await File.AppendAllTextAsync(Path.Combine(seeds, "archive.jsonl"), "{\"slug\":\"bai-loi\",\"title\":\"Bài lỗi\",\"published\":\"hôm qua\",\"body\":\"<p>x</p>\"}\n");

        var first = await CliProcess.RunAsync(_root, Environment, "import", seeds);
        var second = await CliProcess.RunAsync(_root, Environment, "import", seeds);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("hong.txt:5: no time line", first.Error);
        Assert.Contains("archive.jsonl:3: field 'published'", first.Error);
        Assert.Contains("4 new, 0 updated, 0 unchanged, 2 error(s)", first.Output);
        Assert.Contains("0 new, 0 updated, 4 unchanged, 2 error(s)", second.Output);
    }

    [Fact]
    public async Task Each_error_is_printed_once_with_its_real_line_and_no_log_line_beside_it()
    {
        var seeds = Path.Combine(_root, "seeds");
        await File.WriteAllTextAsync(Path.Combine(seeds, "mot-dong.txt"), "Không có giờ\n");
        await File.WriteAllBytesAsync(Path.Combine(seeds, "khong-phai-utf8.txt"), [.. "Tiêu đề\n17:03, 29/07/2021\n"u8, 0xFF, 0xFE, .. "\n"u8]);

        var result = await CliProcess.RunAsync(_root, Environment, "import", seeds);

        Assert.Equal(1, result.ExitCode);
        var errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, line => line == $"error: {Path.Combine(seeds, "mot-dong.txt")}:1: no time line in the form 'HH:mm, dd/MM/yyyy' was found");
        Assert.Contains(errors, line => line.StartsWith($"error: {Path.Combine(seeds, "khong-phai-utf8.txt")}:3: not UTF-8 text (byte 0xFF)", StringComparison.Ordinal));
        Assert.DoesNotContain("warn:", result.Error);
    }

    [Fact]
    public async Task A_json_lines_file_with_a_lone_surrogate_reports_that_line_and_imports_the_rest()
    {
        var file = Path.Combine(_root, "surrogate.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"slug": "bai-mot", "title": "Bài một", "published": "2024-10-02T07:15:00+07:00", "body": "<p>Một.</p>"}""",
            """{"slug": "bai-hai", "title": "Bài \ud800 hai", "published": "2024-10-02T07:15:00+07:00", "body": "<p>Hai.</p>"}""",
            """{"slug": "bai-ba", "title": "Bài ba", "published": "2024-10-02T07:15:00+07:00", "body": "<p>Ba.</p>"}""",
        ]);

        var result = await CliProcess.RunAsync(_root, Environment, "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: {file}:2: field 'title' holds an invalid character: a lone UTF-16 surrogate", result.Error);
        Assert.Contains("2 new, 0 updated, 0 unchanged, 1 error(s)", result.Output);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Files_that_are_not_seed_files_are_skipped_with_a_note()
    {
        var csv = Path.Combine(_root, "bai-viet.csv");
        await File.WriteAllTextAsync(csv, "slug,title\nbai,Bài\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "seeds", "GHI-CHU.md"), "# ghi chú");

        var named = await CliProcess.RunAsync(_root, Environment, "import", csv, Path.Combine(_root, "seeds"));

        Assert.Equal(0, named.ExitCode);
        Assert.Contains($"note: skipped {csv}: not a seed file (.txt, .jsonl)", named.Error);
        Assert.Contains($"note: skipped {Path.Combine(_root, "seeds", "GHI-CHU.md")}", named.Error);
        Assert.Contains("4 new, 0 updated, 0 unchanged, 0 error(s)", named.Output);
        Assert.DoesNotContain("error:", named.Error);
    }

    [Fact]
    public async Task A_missing_file_among_others_is_one_error_without_a_line_number()
    {
        var missing = Path.Combine(_root, "khong-co.jsonl");

        var result = await CliProcess.RunAsync(_root, Environment, "import", missing, Path.Combine(_root, "seeds"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: {missing}: no such file or folder", result.Error);
        Assert.Contains("4 new", result.Output);
    }

    [Fact]
    public async Task Generate_adds_a_synthetic_archive_once()
    {
        var first = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "1500", "--seed", "3");
        var again = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "1500", "--seed", "3");
        var bad = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "0");

        Assert.Equal((0, 0, 5), (first.ExitCode, again.ExitCode, bad.ExitCode));
        Assert.Contains("Generated 1500 article(s): 1500 added, 0 already there", first.Output);
        Assert.Contains("Generated 1500 article(s): 0 added, 1500 already there", again.Output);
        Assert.Contains("1000/1500 articles", first.Error);
        var database = new Storage.SqliteDatabase(Path.Combine(_root, "data", "cli.db"), TimeSpan.FromSeconds(5));
        Assert.Equal(1500, await new Storage.Articles.ArticleStore(database, TimeProvider.System).CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Generate_refuses_an_archive_with_real_articles_unless_told_to_go_ahead()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"))).ExitCode);

        var refused = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "5");
        var forced = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "5", "--into-live-archive");

        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("holds 4 real article(s)", refused.Error);
        Assert.Contains("--into-live-archive", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("5 added", forced.Output);
        var database = new Storage.SqliteDatabase(Path.Combine(_root, "data", "cli.db"), TimeSpan.FromSeconds(5));
        Assert.Equal(9, await new Storage.Articles.ArticleStore(database, TimeProvider.System).CountAsync(CancellationToken.None));
    }

    // An article dated 9999 once made every later import commit and then crash while relating (exit 134); now such
    // a date is refused at the line, and a bad row already stored is skipped once while the rest is related.
    [Fact]
    public async Task A_date_out_of_range_is_refused_at_its_line_and_a_bad_stored_row_does_not_stop_later_imports()
    {
        var file = Path.Combine(_root, "ngay.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"slug": "bai-mot", "title": "Bài một", "published": "2024-10-02T07:15:00+07:00", "body": "<p>Một.</p>"}""",
            """{"slug": "bai-tuong-lai", "title": "Bài năm 9999", "published": "9999-12-31T20:00:00Z", "body": "<p>Hai.</p>"}""",
        ]);
        var first = await CliProcess.RunAsync(_root, Environment, "import", file);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains($"error: {file}:2: field 'published': '9999-12-31T20:00:00Z' is outside the dates an article may carry", first.Error);

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Environment["Syndication__Database"]};Pooling=False"))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            // As a file written before dates were checked could hold: a date at the end of the calendar, queued for relating.
            command.CommandText = """
                UPDATE articles SET published_utc = '9999-12-31T20:00:00.0000000Z' WHERE slug = 'bai-mot';
                INSERT INTO pending_article_relations (article_id) SELECT id FROM articles WHERE slug = 'bai-mot' ON CONFLICT DO NOTHING;
                """;
            await command.ExecuteNonQueryAsync();
        }
        var second = await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"));

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("4 new", second.Output);
        Assert.DoesNotContain("   at ", second.Error);
    }

    [Fact]
    public async Task Import_of_good_files_exits_zero()
    {
        var result = await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 new", result.Output);
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_start_naming_the_key()
    {
        var environment = new Dictionary<string, string>(Environment) { ["Syndication__TimeZone"] = "Mars/Olympus_Mons" };

        var result = await CliProcess.RunAsync(_root, environment, "import", Path.Combine(_root, "seeds"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Syndication:TimeZone", result.Error);
        Assert.Contains("Mars/Olympus_Mons", result.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
