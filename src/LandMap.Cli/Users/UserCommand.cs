using System.CommandLine;
using System.Text;
using LandMap.Cli.Storage;
using LandMap.Data.Review;
using LandMap.Server.Auth;

namespace LandMap.Cli.Users;

/// <summary>
/// <c>landmap user add NAME --role viewer|reviewer|admin --db DB</c>: creates a local account. The password is read
/// from standard input (without echo at a terminal, asked twice), never from an argument that would land in the shell
/// history; no account or password ships with LandMap.
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "用户名" };
        var role = new Option<string>("--role") { Description = "角色：viewer | reviewer | admin", Required = true };
        role.AcceptOnlyFromAmong([.. UserRole.All]);
        var db = StoreOptions.Db();
        var add = new Command("add", "添加账户，密码从标准输入读取 (add an account; the password is read from standard input)") { name, role, db };
        add.SetAction((parse, _) => AddAsync(parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(db)!));
        return new Command("user", "管理本地账户 (manage local accounts)") { add };
    }

    private static async Task<int> AddAsync(string name, string role, string db)
    {
        if (name.Length is 0 or > 64 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return Fail("NAME must be 1–64 characters without spaces.");
        var password = ReadPassword("密码 (password): ");
        if (password is null) return Fail("No password on standard input: type it, or pipe it in (printf '%s\\n' \"$PW\" | landmap user add …).");
        var minLength = new AccessOptions().MinPasswordLength;
        if (Passwords.Weakness(password, minLength) is { } weakness) return Fail(weakness);
        if (!Console.IsInputRedirected && ReadPassword("再次输入 (again): ") != password) return Fail("The two passwords differ; nothing was stored.");

        return await StoreOptions.RunAsync(db, async store =>
        {
            var added = await IReviewStore.Of(store).AddUserAsync(name, role, Passwords.Hash(password), "landmap user add");
            if (!added) return Fail($"The user {name} exists already; pick another name.");
            // The backend, not --db: a PostgreSQL connection string carries its password.
            Console.WriteLine($"Added {role} {name} to the {store.Backend} store.");
            return 0;
        }, create: true);
    }

    /// <summary>One line from standard input; echo off when it is a terminal.</summary>
    private static string? ReadPassword(string prompt)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine()?.TrimEnd('\r');
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"landmap: error: {message}");
        return 1;
    }
}
