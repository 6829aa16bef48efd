using JasperFx.Events.Projections;
using Marten;
using ProgressTracker.Students.Timeline;

namespace ProgressTracker.Students;

public static class StudentsConfiguration
{
    public static void ConfigureStudents(this StoreOptions opts)
    {
        // Inline: the decision state commits with the events, so a write is readable at once.
        opts.Projections.Add<StudentProjection>(ProjectionLifecycle.Inline);
        // The timeline as the API answers it, committed with the events too (Timeline/StudentTimeline.cs).
        opts.Projections.Add<StudentTimelineProjection>(ProjectionLifecycle.Inline);
        // Which programs and terms have registrations at all, for the reports' retention warning (TermsRecorded.cs).
        opts.Projections.Add<TermsRecordedProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<TermRecorded>().Index(x => x.CollegeId);
        opts.Schema.For<Student>().Index(x => x.AdvisorId).Index(x => x.StudentNumber!)
            // A college's roster number names one student: enforced by the database in the registering transaction
            // (students registered without a college have no college here, and NULLs never collide).
            .UniqueIndex(StudentNumbers.UniqueIndexName, x => x.CollegeId!, x => x.StudentNumber!);
    }
}
