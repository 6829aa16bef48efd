using ProgressTracker.Notifications;

namespace ProgressTracker.UnitTests.Notifications;

public sealed class UnsubscribeTokensTests
{
    private static readonly MailOptions Mail = new();
    private static readonly UnsubscribeTokens Tokens = UnsubscribeTokens.From(Mail, "unit-tests-signing-key-0123456789abcdef");
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_token_names_its_student_until_it_expires()
    {
        var student = Guid.CreateVersion7();
        var token = Tokens.Create(student, Now.AddDays(60));
        Tokens.Read(token, Now).ShouldBe(student);
        Tokens.Read(token, Now.AddDays(60)).ShouldBe(student);
        Tokens.Read(token, Now.AddDays(60).AddSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void an_altered_forged_or_foreign_token_names_nobody()
    {
        var token = Tokens.Create(Guid.CreateVersion7(), Now.AddDays(60));
        // (Not the last character: its low bits are base64 padding, which decodes to the same bytes.)
        foreach (var i in new[] { 0, 10, 30, 50, 70 })
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Tokens.Read(altered, Now).ShouldBeNull(altered);
        }
        Tokens.Read(token[..^2], Now).ShouldBeNull();
        Tokens.Read("", Now).ShouldBeNull();
        Tokens.Read("not base64 at all!", Now).ShouldBeNull();
        // Signed with another key (another deployment), the same student and expiry are refused.
        UnsubscribeTokens.From(Mail, "another-signing-key-0123456789abcdef-xyz").Read(token, Now).ShouldBeNull();
        // A key of its own, when set, replaces the one derived from Auth:SigningKey.
        UnsubscribeTokens.From(new MailOptions { LinkSigningKey = "link-key-0123456789abcdef-0123456789" }, "unit-tests-signing-key-0123456789abcdef")
            .Read(token, Now).ShouldBeNull();
    }
}
