using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Bench;

/// <summary>What was seeded: the ids the load steps pick from.</summary>
public sealed record Population(
    IReadOnlyList<Guid> Colleges, IReadOnlyList<Guid> Advisors, IReadOnlyList<Guid> Students,
    IReadOnlyList<(Guid College, string Cohort)> Cohorts, long Events);

/// <summary>
/// A synthetic population with realistic paths, written straight through Marten (events plus the inline student
/// record, as the service would write them, but many students per transaction). A student may stop at any stage:
/// exploring, volunteering, enrolled in one of nine entry terms, part way through the seven required courses,
/// withdrawn, graduated, one or two RHIT attempts, placed or reporting another outcome; a few have an advisor change
/// or a voided milestone. About 13 events per student. Deterministic for a given size.
/// </summary>
public static class Seeder
{
    private const string By = "bench-seed";

    private static readonly CourseCategory[] Required =
    [
        CourseCategory.English, CourseCategory.Mathematics, CourseCategory.Speech, CourseCategory.MedicalTerminology,
        CourseCategory.AnatomyPhysiology, CourseCategory.ComputerApplications, CourseCategory.HealthInformation,
    ];

    private static readonly string[] Terms = ["SP", "SU", "FA"];

    public static async Task<Population> SeedAsync(IDocumentStore store, int students, CancellationToken ct)
    {
        var random = new Random(20260801);
        var colleges = Enumerable.Range(0, Math.Max(1, students / 2_000)).Select(i => new College(Guid.CreateVersion7(), $"Bench College {i}")).ToList();
        var programs = colleges.Select(c => new AcademicProgram(Guid.CreateVersion7(), c.Id, "Health Information Technology", Award.Aas, 24,
            Required, [new Accreditation(Accreditation.Cahiim, new DateOnly(2010, 1, 1), null)])).ToList();
        var advisors = Enumerable.Range(0, Math.Max(2, students / 250))
            .Select(i => new Advisor(Guid.CreateVersion7(), $"Advisor {i}", $"advisor{i}@bench.example.edu")).ToList();
        var cohorts = colleges.SelectMany(c => Enumerable.Range(2021, 3).SelectMany(y => Terms.Select(t => (c.Id, $"{y}-{t}")))).ToList();

        await using (var session = store.LightweightSession())
        {
            session.Store(colleges.ToArray());
            session.Store(programs.ToArray());
            session.Store(advisors.ToArray());
            await session.SaveChangesAsync(ct);
        }

        var paths = Enumerable.Range(0, students).Select(i =>
        {
            var id = Guid.CreateVersion7();
            var seed = random.Next();
            return (Id: id, Events: Path(new Random(seed), id, i, programs[i % programs.Count], advisors, cohorts));
        }).ToList();

        // Two writers: this machine has two cores, and PostgreSQL needs one of them.
        await Parallel.ForEachAsync(paths.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (chunk, token) =>
            {
                await using var session = store.LightweightSession();
                foreach (var (id, events) in chunk) session.Events.StartStream<Student>(id, events);
                await session.SaveChangesAsync(token);
            });

        return new Population(colleges.Select(c => c.Id).ToList(), advisors.Select(a => a.Id).ToList(),
            paths.Select(p => p.Id).ToList(), cohorts.Distinct().ToList(), paths.Sum(p => (long)p.Events.Length));
    }

    private static Milestone[] Path(Random r, Guid id, int n, AcademicProgram program, IReadOnlyList<Advisor> advisors,
        IReadOnlyList<(Guid College, string Cohort)> cohorts)
    {
        var events = new List<Milestone>();
        var advisor = advisors[n % advisors.Count].Id;
        var registered = new DateOnly(2020, 6, 1).AddDays(r.Next(0, 500));
        events.Add(new StudentRegistered(Guid.CreateVersion7(), id, $"Student {n}", $"student{n}@bench.example.edu",
            $"B-{n:D7}", advisor, registered, By));

        var volunteering = r.NextDouble() < 0.85 ? r.Next(1, 4) : 0;
        for (var v = 0; v < volunteering; v++)
        {
            var started = registered.AddDays(20 + v * 90);
            events.Add(new VolunteeringLogged(Guid.CreateVersion7(), id, "Mercy General", CareSetting.Hospital, 40,
                started, started.AddDays(55), By));
        }
        if (r.NextDouble() < 0.05)
            events.Add(new AdvisorAssigned(Guid.CreateVersion7(), id, advisors[(n + 1) % advisors.Count].Id, registered.AddDays(60), By));
        if (r.NextDouble() < 0.20) return [.. events];                 // exploring or gaining experience

        var ofCollege = cohorts.Where(c => c.College == program.CollegeId).ToList();
        var cohort = ofCollege[r.Next(ofCollege.Count)].Cohort;
        var year = int.Parse(cohort[..4], System.Globalization.CultureInfo.InvariantCulture);
        var start = cohort[5..] switch { "SP" => new DateOnly(year, 1, 15), "SU" => new DateOnly(year, 6, 1), _ => new DateOnly(year, 8, 25) };
        events.Add(new EnrolledInProgram(Guid.CreateVersion7(), id, program.CollegeId, program.Id, cohort,
            r.NextDouble() < 0.3 ? Intensity.PartTime : Intensity.FullTime, start, Required, program.NormalDurationMonths, By));

        var courses = r.NextDouble() < 0.7 ? Required.Length : r.Next(0, Required.Length);
        for (var c = 0; c < courses; c++)
        {
            events.Add(new CourseCompleted(Guid.CreateVersion7(), id, program.Id, $"HIT-{110 + c * 10}", $"{Required[c]} essentials",
                Required[c], 3, c % 3 == 0 ? "A" : "B+", start.AddMonths(3 + c * 2), By));
        }
        if (courses == Required.Length)
        {
            // Electives and general-education courses beside the required categories.
            var electives = r.Next(3, 9);
            for (var c = 0; c < electives; c++)
                events.Add(new CourseCompleted(Guid.CreateVersion7(), id, program.Id, $"GEN-{100 + c}", $"Elective {c}",
                    CourseCategory.Elective, 3, "B", start.AddMonths(2 + c * 2), By));
        }
        if (r.NextDouble() < 0.03 && courses > 0)
        {
            events.Add(new MilestoneVoided(Guid.CreateVersion7(), id, events[^1].MilestoneId, "Entered for the wrong student",
                start.AddMonths(3 + courses * 2), By));
            events.Add(new CourseCompleted(Guid.CreateVersion7(), id, program.Id, "HIT-999", "Resubmitted course",
                Required[courses - 1], 3, "A", start.AddMonths(4 + courses * 2), By));
        }
        if (courses < Required.Length)
        {
            if (r.NextDouble() < 0.4)
                events.Add(new ProgramWithdrawn(Guid.CreateVersion7(), id, program.Id, start.AddMonths(4 + courses * 2),
                    r.NextDouble() < 0.1 ? WithdrawalReason.MilitaryDeployment : WithdrawalReason.Financial, By));
            return [.. events];
        }

        var conferred = start.AddMonths(r.Next(20, 30));
        events.Add(new DegreeConferred(Guid.CreateVersion7(), id, program.Id, Award.Aas, conferred, By));
        if (r.NextDouble() < 0.15) return [.. events];                 // graduated, no exam yet

        var failsFirst = r.NextDouble() < 0.25;
        events.Add(new CertificationExamTaken(Guid.CreateVersion7(), id, Exam.Rhit, conferred.AddDays(30), !failsFirst, failsFirst ? 281 : 320, By));
        if (failsFirst && r.NextDouble() < 0.7)
            events.Add(new CertificationExamTaken(Guid.CreateVersion7(), id, Exam.Rhit, conferred.AddDays(75), true, 305, By));

        if (r.NextDouble() < 0.65)
            events.Add(new JobPlaced(Guid.CreateVersion7(), id, "Harbor Family Physicians", CareSetting.PhysicianOffice,
                Specialty.Coding, r.NextDouble() < 0.8, r.NextDouble() < 0.85, conferred.AddMonths(r.Next(1, 9)), By));
        else
            events.Add(new GraduateOutcomeReported(Guid.CreateVersion7(), id,
                r.NextDouble() < 0.5 ? OutcomeStatus.Seeking : OutcomeStatus.ContinuingEducation, conferred.AddMonths(6), By));
        return [.. events];
    }

    /// <summary>A burst for the async daemon: one more volunteering milestone on each of <paramref name="students"/>.</summary>
    public static async Task<int> BurstAsync(IDocumentStore store, IEnumerable<Guid> students, CancellationToken ct)
    {
        var count = 0;
        foreach (var chunk in students.Chunk(250))
        {
            await using var session = store.LightweightSession();
            foreach (var id in chunk)
                session.Events.Append(id, new VolunteeringLogged(Guid.CreateVersion7(), id, "Burst Clinic", CareSetting.Outpatient, 8,
                    new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 2), By));
            await session.SaveChangesAsync(ct);
            count += chunk.Length;
        }
        return count;
    }
}
