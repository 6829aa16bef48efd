using System.Text;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Privacy;

/// <summary>Bad bodies on the privacy routes are 400 problems that change nothing, never a 500.</summary>
public sealed class privacy_bad_input(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task malformed_and_mistyped_bodies_are_400()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var me = Identities.Student(student);
        var s = $"/api/students/{student}";
        (string Url, string Token, string Body)[] cases =
        [
            ($"{s}/identity", Identities.Admin, "{"),
            ($"{s}/identity", Identities.Admin, "{\"name\":42,\"reason\":\"x\"}"),
            ($"{s}/identity", Identities.Admin, "{\"email\":\"not an address\",\"reason\":\"x\"}"),
            ($"{s}/identity", Identities.Admin, "{\"studentNumber\":\"has spaces\",\"reason\":\"x\"}"),
            ($"{s}/amendment-requests", me, "[]"),
            ($"{s}/amendment-requests", me, "{\"milestoneId\":\"nope\",\"requested\":\"a\",\"reason\":\"b\"}"),
            ($"{s}/amendment-requests", me, $"{{\"field\":\"name\",\"requested\":\"{new string('a', 1001)}\",\"reason\":\"b\"}}"),
            ($"{s}/consents", me, "{\"recipient\":\"a\",\"purpose\":\"b\",\"parts\":\"exams\",\"expiresOn\":\"2030-01-01\"}"),
            ($"{s}/consents", me, "{\"recipient\":\"a\",\"purpose\":\"b\",\"parts\":[\"exams\",\"exams\"],\"expiresOn\":\"2027-01-01\"}"),
            ($"{s}/consents", me, "{\"recipient\":\"a\",\"purpose\":\"b\",\"parts\":[\"exams\"],\"expiresOn\":\"2027-02-30\"}"),
            ($"{s}/consents", me, "{\"recipient\":\"a\",\"purpose\":\"b\",\"parts\":[\"exams\"],\"expiresOn\":\"2099-01-01\"}"),
            ($"{s}/amendment-requests/{Guid.NewGuid()}/decision", Identities.Admin, "{\"decision\":\"maybe\",\"note\":\"n\"}"),
            ($"{s}/amendment-requests/{Guid.NewGuid()}/statement", me, "{\"text\":\"\"}"),
            ($"{s}/erasure", Identities.Admin, "{}"),
        ];
        foreach (var (url, token, body) in cases)
        {
            var context = await Host.Server.SendAsync(c =>
            {
                c.Request.Method = "POST";
                c.Request.Path = url;
                c.Request.Headers.Authorization = $"Bearer {token}";
                var bytes = Encoding.UTF8.GetBytes(body);
                c.Request.ContentType = "application/json";
                c.Request.ContentLength = bytes.Length;
                c.Request.Body = new MemoryStream(bytes);
            }, TestContext.Current.CancellationToken);
            context.Response.StatusCode.ShouldBe(400, $"POST {url} {body[..Math.Min(body.Length, 80)]}");
        }
        (await Host.EventCount(student)).ShouldBe(1);
        (await Host.Timeline(student))["name"]!.GetValue<string>().ShouldBe("Sam Student");
    }
}
