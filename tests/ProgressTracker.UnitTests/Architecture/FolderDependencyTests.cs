using System.Text.RegularExpressions;
using ProgressTracker.Testing;

namespace ProgressTracker.UnitTests.Architecture;

/// <summary>
/// The service's top-level folders depend one way (README "Folder map"): a folder may use the folders listed before it
/// and never one after it; the root files (Program.cs, Persistence.cs, Api.cs) wire everything together and nothing
/// uses them. Read from the sources: every <c>using ProgressTracker.X</c>, every name qualified by a folder's
/// namespace (<c>ProgressTracker.X.</c>, or <c>X.</c> from inside the ProgressTracker namespace) and every use of a
/// root type, in code and in doc-comment crefs.
/// </summary>
public sealed partial class FolderDependencyTests
{
    /// <summary>Lowest first.</summary>
    public static readonly string[] Layers =
        ["Infrastructure", "Colleges", "Students", "Advisors", "Reports", "Accounts", "Notifications", "Web", "Demo"];

    private static readonly string Source = Path.Combine(Repository.Root, "src", "ProgressTracker.Api");

    [Fact]
    public void every_source_file_is_in_a_layered_folder_or_the_root()
    {
        var strays = SourceFiles().Select(f => Folder(f)).Where(f => f is not null && !Layers.Contains(f)).Distinct().ToList();
        strays.ShouldBeEmpty("add the folder to Layers, in its place");
    }

    [Fact]
    public void each_file_is_in_the_namespace_of_its_folder()
    {
        var misplaced = new List<string>();
        foreach (var file in SourceFiles())
        {
            var relative = Path.GetRelativePath(Source, file);
            var folder = Path.GetDirectoryName(relative)!;
            var expected = folder.Length == 0 ? "ProgressTracker" : "ProgressTracker." + folder.Replace(Path.DirectorySeparatorChar, '.');
            // Program.cs's top-level statements and its Program class are in the global namespace, as the host needs.
            if (relative == "Program.cs") continue;
            var code = File.ReadAllText(file);
            var declared = Namespace().Match(code);
            // A file of assembly attributes declares no namespace and no type.
            if (!declared.Success && !TypeDeclaration().IsMatch(code)) continue;
            if (declared.Groups["name"].Value != expected) misplaced.Add($"{relative}: {declared.Groups["name"].Value}, not {expected}");
        }
        misplaced.ShouldBeEmpty();
    }

    [Fact]
    public void folders_use_only_the_folders_below_them()
    {
        var rootTypes = SourceFiles().Where(f => Folder(f) is null)
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .Where(t => t != "Program").ToHashSet();
        var upward = new List<string>();
        foreach (var file in SourceFiles())
        {
            if (Folder(file) is not { } folder) continue;
            var level = Array.IndexOf(Layers, folder);
            foreach (var (used, line) in References(File.ReadAllText(file), rootTypes))
            {
                var usedLevel = used is null ? Layers.Length : Array.IndexOf(Layers, used);
                if (usedLevel > level)
                    upward.Add($"{Path.GetRelativePath(Source, file)}:{line} {folder} uses {used ?? "the root files"}");
            }
        }
        upward.ShouldBeEmpty();
    }

    [Fact]
    public void the_check_sees_each_kind_of_reference()
    {
        const string code = """
            using ProgressTracker.Reports.Cohorts;
            using static ProgressTracker.Accounts.Roles;
            namespace ProgressTracker.Students;
            // using ProgressTracker.Web; (a comment is not a reference)
            /// <summary>See <see cref="ProgressTracker.Notifications.Nudges"/>.</summary>
            class C { object a = Advisors.FollowUps.FollowUp.Empty; object b = x.Demo.Y; object c = Persistence.Store; string d = "Web.x"; }
            """;
        References(code, new HashSet<string> { "Persistence" }).Select(r => r.Folder ?? "root").ShouldBe(["Reports", "Accounts", "Notifications", "Advisors", "root"]);
    }

    /// <summary>The folders a file uses (null: the root files), with the line of each use.</summary>
    private static IEnumerable<(string? Folder, int Line)> References(string code, IReadOnlySet<string> rootTypes)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            if (text.TrimStart().StartsWith("namespace ", StringComparison.Ordinal)) continue;
            var crefs = string.Join(' ', Cref().Matches(text).Select(m => m.Groups[1].Value));
            var comment = text.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0) text = text[..comment];
            text = StringLiteral().Replace(text, "\"\"") + " " + crefs;
            foreach (Match m in Qualified().Matches(text))
                if (Layers.Contains(m.Groups["folder"].Value)) yield return (m.Groups["folder"].Value, i + 1);
            foreach (Match m in Identifier().Matches(text))
                if (rootTypes.Contains(m.Value)) yield return (null, i + 1);
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(Source, f).Split(Path.DirectorySeparatorChar)[0].Equals("obj", StringComparison.Ordinal)
                        && !Path.GetRelativePath(Source, f).Split(Path.DirectorySeparatorChar)[0].Equals("bin", StringComparison.Ordinal));

    /// <summary>The top-level folder of a source file; null for a file at the root.</summary>
    private static string? Folder(string file)
    {
        var parts = Path.GetRelativePath(Source, file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : null;
    }

    /// <summary><c>ProgressTracker.X.</c>, <c>ProgressTracker.X;</c> or <c>X.</c> not preceded by a name or a dot.</summary>
    [GeneratedRegex(@"(?:\bProgressTracker\.|(?<![\w.]))(?<folder>[A-Z]\w*)\s*[.;]")]
    private static partial Regex Qualified();

    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^namespace (?<name>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"cref=""([^""]*)""")]
    private static partial Regex Cref();

    [GeneratedRegex(@"@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|static|sealed|partial|abstract)\s+)*(?:class|record|struct|interface|enum)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}
