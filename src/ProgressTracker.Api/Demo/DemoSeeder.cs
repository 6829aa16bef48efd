using Marten;
using ProgressTracker.Accounts;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.Demo;

/// <summary>
/// A believable demo: one college with an accredited and a non-accredited program, two advisors, and thirty
/// students spread over every stage, some with voided mistakes and failed attempts. Every milestone goes through
/// the same decision functions as the HTTP routes, so the demo obeys the pathway rules.
/// </summary>
public sealed class DemoSeeder(IDocumentStore store)
{
    private IDocumentStore Store { get; } = store;

    public const string CollegeName = "Lakeside Community College";
    public const string AdminEmail = "admin@lakeside.example.edu";
    public const string RegistrarEmail = "registrar@lakeside.example.edu";
    private static readonly Caller Registrar = new("demo-seed", "admin");

    private static readonly CourseCategory[] Catalog =
    [
        CourseCategory.English, CourseCategory.Mathematics, CourseCategory.Speech, CourseCategory.MedicalTerminology,
        CourseCategory.AnatomyPhysiology, CourseCategory.ComputerApplications, CourseCategory.HealthInformation,
    ];

    private static readonly string[] Names =
    [
        "Rosa Diaz", "Malik Johnson", "Priya Patel", "Ethan Walker", "Mei Lin", "Grace Okafor", "Luis Hernandez",
        "Hannah Schmidt", "Omar Haddad", "Chloe Martin", "Darnell Brooks", "Sofia Rossi", "Noah Kim", "Ava Thompson",
        "Isaiah Green", "Fatima Noor", "Lucas Silva", "Emma Nguyen", "Jamal Carter", "Olivia Brown", "Mateo Garcia",
        "Zoe Adams", "Kenji Watanabe", "Leah Cohen", "Andre Dubois", "Nia Robinson", "Samuel Osei", "Ivy Chen",
        "Diego Morales", "Tessa Reed",
    ];

    /// <summary>Seeds once; answers false when the demo college is already there.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        await using (var query = Store.QuerySession())
        {
            if (await query.Query<College>().AnyAsync(c => c.Name == CollegeName, ct)) return false;
        }

        var college = new College(Guid.CreateVersion7(), CollegeName);
        var hit = new AcademicProgram(Guid.CreateVersion7(), college.Id, "Health Information Technology", Award.Aas, 24, Catalog,
            [new Accreditation(Accreditation.Cahiim, new DateOnly(2012, 3, 1), null)]);
        var coding = new AcademicProgram(Guid.CreateVersion7(), college.Id, "Medical Records Coding", Award.Aas, 24, Catalog, []);
        Advisor[] advisors =
        [
            new(Guid.CreateVersion7(), "Avery Chen", "avery.chen@lakeside.example.edu"),
            new(Guid.CreateVersion7(), "Jordan Okafor", "jordan.okafor@lakeside.example.edu"),
        ];
        await using (var session = Store.LightweightSession())
        {
            session.Store(college);
            session.Store(hit, coding);
            session.Store(advisors);
            // The demo people sign in at the local provider (ops/oidc) with these e-mails.
            session.Store(Invite(AdminEmail, Roles.Admin));
            session.Store(Invite(RegistrarEmail, Roles.College) with { CollegeId = college.Id });
            session.Store(advisors.Select(a => Invite(a.Email, Roles.Advisor) with { AdvisorId = a.Id }).ToArray());
            await session.SaveChangesAsync(ct);
        }

        for (var i = 0; i < Names.Length; i++)
        {
            var journey = new Journey(this, hit, coding, Names[i], advisors[i % 2].Id, i);
            await journey.WalkAsync(ct);
        }
        return true;
    }

    private static Account Invite(string email, string role) => new()
    {
        Id = Guid.CreateVersion7(), Email = Account.NormalizeEmail(email), Role = role, State = AccountState.Invited,
        InvitedBy = Registrar.Subject, InvitedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>One student's way along the pathway; <c>n</c> decides how far they get.</summary>
    private sealed class Journey(DemoSeeder seeder, AcademicProgram hit, AcademicProgram coding, string name, Guid advisorId, int n)
    {
        private Guid _student;

        public async Task WalkAsync(CancellationToken ct)
        {
            _student = Guid.CreateVersion7();
            var email = $"{name.ToLowerInvariant().Replace(' ', '.')}@students.example.edu";
            var registered = new RegisterStudent(name, email, advisorId, $"LCC-{24000 + n}")
                .Decide(_student, Registrar, new DateOnly(2023, 1, 9).AddDays(n * 11));
            await using (var session = seeder.Store.LightweightSession())
            {
                session.Events.StartStream<Student>(_student, registered);
                session.Store(Invite(email, Roles.Student) with { StudentId = _student });
                await session.SaveChangesAsync(ct);
            }

            var stage = n % 10;                      // 0-9: how far along the pathway
            if (stage == 0 && n < 10) return;        // exploring
            var volunteered = await Record(s => new LogVolunteering("Lakeside Regional Hospital", CareSetting.Hospital, 24 + n,
                new DateOnly(2023, 3, 1), new DateOnly(2023, 5, 31)).Decide(s, Registrar), ct);
            if (n == 3) await Void(volunteered, "Hours belonged to another student", ct);
            if (stage == 1) return;                  // gaining experience

            var cohortYear = 2023 + n % 3;
            var start = new DateOnly(cohortYear, 8, 28);
            var program = n == 12 ? coding : hit;    // one student in the program without CAHIIM accreditation
            await Record(s => new EnrollInProgram(program.Id, $"{cohortYear}-FA", n % 4 == 0 ? Intensity.PartTime : Intensity.FullTime, start)
                .Decide(s, program, Registrar), ct);
            if (stage == 2) return;                  // enrolled, no courses yet

            if (stage == 3 && n % 2 == 1)
            {
                await Record(s => new WithdrawFromProgram(program.Id, start.AddMonths(5), n switch
                    {
                        13 => WithdrawalReason.MilitaryDeployment,
                        23 => WithdrawalReason.Transfer,   // transferred: a side state of its own
                        _ => WithdrawalReason.Financial,
                    })
                    .Decide(s, Registrar), ct);
                return;                              // withdrawn
            }

            var courses = cohortYear == 2025 ? 3 : Catalog.Length;   // the newest cohort is still in coursework
            for (var c = 0; c < courses; c++)
            {
                var category = Catalog[c];
                var completed = await Record(s => new CompleteCourse(program.Id, $"HIT-{110 + c * 10}", $"{category} essentials",
                    category, 3, c % 3 == 0 ? "A" : "B+", start.AddMonths(3 + c * 2)).Decide(s, Registrar), ct);
                if (n == 7 && c == 1)
                {
                    await Void(completed, "Grade entered for the wrong section", ct);
                    await Record(s => new CompleteCourse(program.Id, "HIT-121", $"{category} essentials", category, 3, "A-",
                        start.AddMonths(5)).Decide(s, Registrar), ct);
                }
            }
            if (courses < Catalog.Length || stage == 4 || program == coding) return;   // enrolled or coursework complete

            var conferred = start.AddMonths(21);
            await Record(s => new ConferDegree(program.Id, Award.Aas, conferred).Decide(s, program, Registrar), ct);
            if (stage == 5) return;                  // graduated, no exam yet

            var programs = new Dictionary<Guid, AcademicProgram> { [hit.Id] = hit, [coding.Id] = coding };
            var firstTry = conferred.AddDays(30);
            var failsFirst = stage is 6 or 8;
            await Record(s => new RecordExamAttempt(Exam.Rhit, firstTry, !failsFirst, failsFirst ? 281 : 318 + n)
                .Decide(s, programs, 30, Registrar), ct);
            if (stage == 6) return;                  // graduated, failed once: retake window
            if (failsFirst)
                await Record(s => new RecordExamAttempt(Exam.Rhit, firstTry.AddDays(45), true, 305)
                    .Decide(s, programs, 30, Registrar), ct);
            if (stage == 7) return;                  // credentialed

            await Record(s => new RecordJobPlacement(n % 3 == 0 ? "Lakeside Regional Hospital" : "Harbor Family Physicians",
                n % 3 == 0 ? CareSetting.Hospital : CareSetting.PhysicianOffice, n % 2 == 0 ? Specialty.Coding : Specialty.RecordsManagement,
                n % 4 != 1, true, conferred.AddMonths(2 + n % 4)).Decide(s, Registrar), ct);
        }

        private async Task<Guid> Record(Func<Student, Decision> decide, CancellationToken ct)
        {
            await using var session = seeder.Store.LightweightSession();
            var stream = await session.Events.FetchForWriting<Student>(_student, ct);
            var decision = decide(stream.Aggregate!);
            if (decision.Rejection is { } rejection)
                throw new InvalidOperationException($"The demo data broke the rule '{rejection.Rule}': {rejection.Reason}");
            stream.AppendMany(decision.Milestones);
            await session.SaveChangesAsync(ct);
            return decision.Milestones[0].MilestoneId;
        }

        private Task<Guid> Void(Guid milestoneId, string reason, CancellationToken ct) =>
            Record(s => new VoidMilestone(reason).Decide(s, milestoneId, Registrar, new DateOnly(2026, 1, 15)), ct);
    }
}
