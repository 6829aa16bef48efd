using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Students;

/// <summary>
/// Enrollment episodes (domain.md rule 1, issue 19 findings 1, 4 and 9) through HTTP: an episode runs from its
/// enrollment to its own withdrawal or degree, a student who came back is judged on the episode that led to the degree,
/// and accreditation is read on the day attendance ended, its first and last days included. The finding_ tests were run
/// on the parent of their fix (c794445^) and failed there as their comments say.
/// </summary>
public sealed class enrollment_episodes(AppFixture fixture) : IntegrationContext(fixture)
{
    private Task<JsonObject> ExamRefused(Guid student, string takenOn) =>
        Host.Reject($"/api/students/{student}/exam-attempts", new { exam = "rhit", takenOn, passed = true, score = 350 }, 409);

    private static bool Eligible(JsonObject timeline) => timeline["examEligibility"]!["eligible"]!.GetValue<bool>();

    /// <summary>Enrolls 2020-08-24 (2020-FA), withdraws 2021-05-01, re-enrolls 2023-08-21 (2023-FA).</summary>
    private async Task<Guid> Returner(Guid advisor, Guid program, string reason = "personal")
    {
        var student = await Host.EnrolledStudent(advisor, program, "2020-FA", "2020-08-24");
        await Host.Withdraw(student, program, "2021-05-01", reason);
        await Host.Enroll(student, program, "2023-08-21", "2023-FA");
        return student;
    }

    [Fact]
    public async Task finding_1_a_returner_is_judged_on_the_episode_that_led_to_the_degree()
    {
        // Fixed by c794445 (Report truth, findings 1-7). Before it, Pathway.EndOf/StatusOf mixed the episodes and both
        // exams below were accepted (201), while the classmate's was refused.
        // P: CAHIIM-accredited 2015-01-01 .. 2022-12-31.
        var program = await Host.AddProgram(await Host.RegisterCollege(), accredited: false);
        await Host.Accredit(program, "2015-01-01", "2022-12-31");
        var advisor = await Host.RegisterAdvisor();

        // Episode 1: 2020-08-24 .. 2021-05-01 (withdrawn, nothing completed). Episode 2: 2023-08-21 .. 2025-05-15 (degree).
        var returner = await Returner(advisor, program);
        await Host.CompleteAllCourses(returner, program, "2025-01-10");
        await Host.Degree(returner, program, "2025-05-15");
        // The classmate: one episode, 2020-08-24 .. 2025-05-15, same courses and degree.
        var classmate = await Host.EnrolledStudent(advisor, program, "2020-FA", "2020-08-24");
        await Host.CompleteAllCourses(classmate, program, "2025-01-10");
        await Host.Degree(classmate, program, "2025-05-15");
        var events = await Host.EventCount(returner);

        // Exam 2025-06-01: the degree's episode ended 2025-05-15, after 2022-12-31: not accredited. Same for both.
        (await ExamRefused(returner, "2025-06-01"))["rule"]!.GetValue<string>().ShouldBe("rhit-not-eligible");
        (await ExamRefused(classmate, "2025-06-01"))["rule"]!.GetValue<string>().ShouldBe("rhit-not-eligible");
        // Back-dated to 2022-06-01, while withdrawn (P still accredited): episode 1 had completed nothing by 2021-05-01.
        (await ExamRefused(returner, "2022-06-01"))["rule"]!.GetValue<string>().ShouldBe("rhit-not-eligible");
        (await Host.EventCount(returner)).ShouldBe(events);

        var timeline = await Host.Timeline(returner);
        timeline["stage"]!.GetValue<string>().ShouldBe("graduated");
        Eligible(timeline).ShouldBeFalse();
    }

    [Fact]
    public async Task re_enrollment_then_degree_in_a_program_accredited_only_for_the_second_episode_is_eligible()
    {
        // P: CAHIIM from 2023-01-01 only, so episode 1 (2020-08-24 .. 2021-05-01) was never accredited; episode 2
        // (2023-08-21 .. 2025-05-15) ended accredited. Judged on episode 2: eligible.
        var program = await Host.AddProgram(await Host.RegisterCollege(), accredited: false);
        await Host.Accredit(program, "2023-01-01");
        var returner = await Returner(await Host.RegisterAdvisor(), program);

        // While withdrawn (2022-06-01) nothing counts: refused.
        (await ExamRefused(returner, "2022-06-01"))["rule"]!.GetValue<string>().ShouldBe("rhit-not-eligible");

        await Host.CompleteAllCourses(returner, program, "2025-01-10");
        await Host.Degree(returner, program, "2025-05-15");
        Eligible(await Host.Timeline(returner)).ShouldBeTrue();
        await Host.Exam(returner, "2025-06-01", passed: true);
        (await Host.Timeline(returner))["stage"]!.GetValue<string>().ShouldBe("credentialed");
    }

    [Fact]
    public async Task finding_4_a_withdrawal_cannot_be_voided_under_a_later_enrollment()
    {
        // Fixed by c794445. Before it the void was accepted and left two open enrollments in P (2020-08-24 and
        // 2023-08-21), so the 2020-FA cohort counted the student as retained.
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.EnrolledStudent(await Host.RegisterAdvisor(), program, "2020-FA", "2020-08-24");
        var withdrawal = (await Host.Record(student, "withdrawals",
            new { programId = program, withdrawnOn = "2021-05-01", reason = "personal" })).MilestoneId;
        await Host.Enroll(student, program, "2023-08-21", "2023-FA");
        var events = await Host.EventCount(student);

        var refused = await Host.Reject($"/api/students/{student}/milestones/{withdrawal}/void", new { reason = "entered in error" }, 409);

        refused["rule"]!.GetValue<string>().ShouldBe("has-dependents");
        (await Host.EventCount(student)).ShouldBe(events);
        var timeline = await Host.Timeline(student);
        timeline["milestones"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == withdrawal.ToString())!["voided"]!
            .GetValue<bool>().ShouldBeFalse();
        timeline["stage"]!.GetValue<string>().ShouldBe("enrolled");
    }

    [Fact]
    public async Task accreditation_is_read_on_its_first_and_last_days_and_not_the_day_before_or_after()
    {
        // P: CAHIIM 2021-01-01 .. 2023-12-31 (opened, then ended through the finding 9 route: fixed by 32761d4; before
        // it a period could not end and P stayed accredited for ever, so every "day after" below was accepted).
        var program = await Host.AddProgram(await Host.RegisterCollege(), accredited: false);
        await Host.Accredit(program, "2021-01-01");
        await Host.EndAccreditation(program, "2023-12-31");
        var advisor = await Host.RegisterAdvisor();

        async Task<Guid> Graduate(string cohort, string start, string courses, string degree)
        {
            var s = await Host.EnrolledStudent(advisor, program, cohort, start);
            await Host.CompleteAllCourses(s, program, courses);
            await Host.Degree(s, program, degree);
            return s;
        }

        // Attendance ended by the degree: on the first accredited day yes, the day before no.
        await Host.Exam(await Graduate("2019-FA", "2019-08-26", "2020-12-10", "2021-01-01"), "2021-02-01", passed: true);
        (await ExamRefused(await Graduate("2019-FA", "2019-08-26", "2020-12-10", "2020-12-31"), "2021-02-01"))["rule"]!
            .GetValue<string>().ShouldBe("rhit-not-eligible");
        // On the last accredited day yes, the day after no.
        await Host.Exam(await Graduate("2022-SP", "2022-01-10", "2023-12-01", "2023-12-31"), "2024-01-20", passed: true);
        (await ExamRefused(await Graduate("2022-SP", "2022-01-10", "2023-12-01", "2024-01-01"), "2024-01-20"))["rule"]!
            .GetValue<string>().ShouldBe("rhit-not-eligible");

        // Still enrolled, coursework complete (early testing): attendance is judged on the exam day itself.
        var early = await Host.EnrolledStudent(advisor, program, "2019-FA", "2019-08-26");
        await Host.CompleteAllCourses(early, program, "2020-12-10");
        await ExamRefused(early, "2020-12-31");                    // the day before the first accredited day
        await Host.Exam(early, "2021-01-01", passed: false);       // the first accredited day
        var late = await Host.EnrolledStudent(advisor, program, "2022-SP", "2022-01-10");
        await Host.CompleteAllCourses(late, program, "2023-12-01");
        await ExamRefused(late, "2024-01-01");                     // the day after the last accredited day
        await Host.Exam(late, "2023-12-31", passed: false);        // the last accredited day
    }
}
