using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Reports.FollowUps;

namespace ProgressTracker.UnitTests.Reports.FollowUps;

public sealed class FollowUpFiguresTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-01", "2026-12-03")]   // Tuesday: Thursday
    [InlineData("2026-12-03", "2026-12-07")]   // Thursday: over the weekend to Monday
    [InlineData("2026-12-05", "2026-12-08")]   // Saturday: Monday is the first working day, Tuesday the second
    public void two_working_days_skip_the_weekend(string raised, string deadline) =>
        FollowUpFigures.AddWorkingDays(D(raised), 2).ShouldBe(D(deadline));

    private static FollowUp Raised(string on, FollowUpState state, params string[] contacts) => new()
    {
        Id = Guid.NewGuid(), StudentId = Guid.NewGuid(), Alert = "stalled", RaisedOn = D(on), State = state,
        Contacts = [.. contacts.Select(c => new FollowUpContact(Guid.NewGuid(), ContactMethod.Phone, D(c), null, "advisor", DateTimeOffset.UnixEpoch))],
    };

    [Fact]
    public void an_advisors_row_counts_raised_contacted_in_time_resolved_and_the_median_days_to_first_contact()
    {
        var row = FollowUpFigures.For(Guid.NewGuid(), "Avery", [
            Raised("2026-12-03", FollowUpState.Resolved, "2026-12-07", "2026-12-01"),   // first contact counts: before the 2-day line
            Raised("2026-12-03", FollowUpState.Contacted, "2026-12-08"),               // Tuesday: a working day late
            Raised("2026-12-04", FollowUpState.Open),
        ]);

        row.AlertsRaised.ShouldBe(3);
        row.ContactedWithinTwoWorkingDays.ShouldBe(1);
        row.MedianDaysToFirstContact.ShouldBe(1.5);   // -2 and 5 days: the mean of the two middle values
        row.Resolved.ShouldBe(1);
        row.Open.ShouldBe(2);
    }

    [Fact]
    public void no_contact_has_no_median() =>
        FollowUpFigures.For(Guid.NewGuid(), "Avery", [Raised("2026-12-03", FollowUpState.Open)]).MedianDaysToFirstContact.ShouldBeNull();
}
