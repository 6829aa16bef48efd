using JasperFx.Events.Projections;
using Marten;

namespace ProgressTracker.Students;

public static class StudentsConfiguration
{
    public static void ConfigureStudents(this StoreOptions opts)
    {
        // Inline: the student document commits with the events, so a write is readable at once.
        opts.Projections.Add<StudentProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Student>().Index(x => x.AdvisorId).Index(x => x.StudentNumber!);
    }
}
