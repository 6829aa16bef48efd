using ProgressTracker.Colleges;

namespace ProgressTracker.Students.Timeline;

/// <summary>What the student should do next, derived from where they stand on the pathway.</summary>
public static class NextSteps
{
    private const string Enroll = "Enroll in a CAHIIM-accredited Health Information Technology associate program.";

    public static IReadOnlyList<string> For(
        Student student, Stage stage, ExamEligibility eligibility, IReadOnlyDictionary<Guid, AcademicProgram> programs,
        DateOnly today, int retakeWaitDays)
    {
        var latest = Pathway.LatestEnrollment(student);
        var program = latest is null ? null : programs.GetValueOrDefault(latest.ProgramId);
        var attempts = student.Attempts.OrderBy(a => a.TakenOn).ToList();

        List<string> steps = [];
        switch (stage)
        {
            case Stage.Exploring:
                steps.Add("Volunteer in a medical setting (hospital, clinic, nursing home) and log the hours.");
                steps.Add(Enroll);
                break;
            case Stage.GainingExperience:
            case Stage.Withdrawn:
            case Stage.Transferred:
                steps.Add(Enroll);
                break;
            case Stage.Enrolled:
                if (program is not null && !program.IsCahiimAccreditedOn(today))
                    steps.Add($"{program.Name} is not CAHIIM-accredited: its graduates cannot sit the RHIT exam. {Enroll}");
                var missing = Pathway.MissingCategories(student, latest!);
                steps.Add($"Complete the remaining course categories: {string.Join(", ", missing.Select(Words))}.");
                break;
            case Stage.CourseworkComplete:
                steps.Add("Graduate: the associate degree is the next milestone.");
                break;
            case Stage.Graduated:
                break;
            case Stage.Credentialed:
                steps.Add("Find a job as a Health Information Technician and record the placement.");
                break;
            case Stage.Placed:
                break;
        }

        if (stage is Stage.Enrolled or Stage.CourseworkComplete or Stage.Graduated && eligibility.Eligible)
        {
            var last = attempts.LastOrDefault();
            if (last is null) steps.Add("Take the AHIMA RHIT exam.");
            else if (!last.Passed)
            {
                var retakeOn = last.TakenOn.AddDays(retakeWaitDays);
                steps.Add(retakeOn <= today
                    ? "Retake the RHIT exam: the waiting period has passed."
                    : $"Retake the RHIT exam on or after {retakeOn:yyyy-MM-dd}.");
            }
        }
        else if (stage == Stage.Graduated && !eligibility.Eligible)
        {
            steps.Add(eligibility.Reason);
        }

        return steps;
    }

    /// <summary>"anatomy-physiology" reads as "anatomy physiology" to a person.</summary>
    public static string Words(CourseCategory category) =>
        Infrastructure.Json.KebabName(category).Replace('-', ' ');
}
