using JasperFx;
using JasperFx.Events;
using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Telemetry;

namespace ProgressTracker.Students.Imports;

/// <summary>
/// Applies an import's rows in batches: one transaction per batch (with the import's progress in it), each row
/// through the route's own binding, validation, access rule and decision function. A row is applied whole or
/// rejected whole; rows an earlier import applied are skipped, found by their deterministic milestone ids.
/// </summary>
public sealed class RosterImporter(
    IDocumentStore store, PathwayOptions pathway, AccessOptions access, TimeProvider clock, ILogger<RosterImporter> logger)
{
    public const int BatchSize = 500;
    private const int Attempts = 3;

    public async Task RunAsync(Guid importId, Action<RosterImport>? progress, CancellationToken ct)
    {
        RosterImport? import;
        ImportFile? file;
        IReadOnlyDictionary<Guid, AcademicProgram> programs;
        await using (var query = store.QuerySession())
        {
            import = await query.LoadAsync<RosterImport>(importId, ct);
            file = await query.LoadAsync<ImportFile>(importId, ct);
            if (import is null || file is null || import.State is ImportState.Completed or ImportState.Failed) return;
            programs = (await query.Query<AcademicProgram>().Where(p => p.CollegeId == import.CollegeId).ToListAsync(ct))
                .ToDictionary(p => p.Id);
        }

        var kind = ImportKind.All[import.Kind];
        // Read once, lazily: only the batch being applied is held as cells; committed rows are passed over.
        var rows = RowReader.Rows(file.Csv, skip: import.Processed);
        var caller = new Caller(import.RequestedBy, import.RequestedByRole,
            CollegeId: import.RequestedByRole == Roles.College ? import.CollegeId : null);
        var context = new ImportContext(caller, import.CollegeId, programs, pathway, clock.Today());
        using var running = ServiceMetrics.ImportRunning();
        logger.LogInformation("Import {ImportId} ({Kind}) runs from row {Row} of {Total}", import.Id, kind.Name, import.Processed + 1, import.Total);

        try
        {
            import = await SaveAsync(import with { State = ImportState.Running }, ct);
            progress?.Invoke(import);
            foreach (var batch in rows.Chunk(BatchSize))
            {
                import = await ApplyWithRetriesAsync(import, kind, batch, context, ct);
                progress?.Invoke(import);
            }
            import = await FinishAsync(import with { State = ImportState.Completed }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Ids only: rows may hold personal data.
            logger.LogError(e, "Import {ImportId} failed at row {Row}", import.Id, import.Processed + 1);
            import = await FinishAsync(import with { State = ImportState.Failed }, CancellationToken.None);
        }
        progress?.Invoke(import);
    }

    private async Task<RosterImport> ApplyWithRetriesAsync(RosterImport import, ImportKind kind, CsvRow[] batch, ImportContext context, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = store.LightweightSession();
                var outcome = kind.Name == ImportKind.Students
                    ? await RegisterAsync(session, kind, batch, context, ct)
                    : await RecordAsync(session, kind, batch, context, ct);
                var updated = import with
                {
                    Processed = import.Processed + batch.Length,
                    Applied = import.Applied + outcome.Applied,
                    Skipped = import.Skipped + outcome.Skipped,
                    Failed = import.Failed + outcome.Errors.Select(e => e.Row).Distinct().Count(),
                };
                session.Store(updated);
                // The batch's errors as rows of their own, committed with it.
                foreach (var error in outcome.Errors.GroupBy(e => e.Row).SelectMany(row => row.Select((e, i) => ImportErrorRow.Of(import.Id, e, i))))
                    session.Store(error);
                await session.SaveChangesAsync(ct);
                return updated;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // A student in this batch was written meanwhile (through the API): decide the batch again on fresh state.
            }
            catch (Exception e) when (attempt < Attempts && StudentNumbers.IsTaken(e))
            {
                // Another import registered one of these numbers meanwhile: decided again, those rows are skipped.
            }
        }
    }

    private sealed class Outcome
    {
        public int Applied { get; set; }
        public int Skipped { get; set; }
        public List<ImportError> Errors { get; } = [];
    }

    /// <summary>Milestone rows: find the student by college and number, then decide as the route would.</summary>
    private async Task<Outcome> RecordAsync(IDocumentSession session, ImportKind kind, CsvRow[] batch, ImportContext context, CancellationToken ct)
    {
        var outcome = new Outcome();
        var numbers = batch.Select(r => r[ImportKind.StudentNumber]).OfType<string>().Distinct().ToArray();
        // A college matches only students it still serves (the others read as unknown numbers); an admin every one linked to it.
        var atCollege = (await session.Query<Student>().Where(s => s.StudentNumber.IsOneOf(numbers)).ToListAsync(ct))
            .Where(s => context.Caller.IsAdmin ? s.IsAtCollege(context.CollegeId) : StudentAccess.CanRead(context.Caller, s, access, context.Today))
            .GroupBy(s => s.StudentNumber!)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Id).ToList());
        var streams = new Dictionary<Guid, (IEventStream<Student> Stream, Student Current)>();
        var now = clock.GetUtcNow();

        foreach (var row in batch)
        {
            var errors = outcome.Errors.Count;
            var number = row[ImportKind.StudentNumber];
            if (number is null || !atCollege.TryGetValue(number, out var matches))
            {
                outcome.Errors.Add(new(row.Number, ImportKind.StudentNumber, "No student of this college has this student number."));
                continue;
            }
            if (matches.Count > 1)
            {
                outcome.Errors.Add(new(row.Number, ImportKind.StudentNumber, "Several students of this college have this student number."));
                continue;
            }

            if (Bind(kind, row, context, outcome) is not { } command) continue;
            AcademicProgram? program = null;
            if (kind.ProgramId(command) is { } programId && !context.Programs.TryGetValue(programId, out program))
                outcome.Errors.Add(new(row.Number, "programId", "Not a program of this college."));
            if (outcome.Errors.Count > errors) continue;

            var studentId = matches[0];
            if (!streams.TryGetValue(studentId, out var entry))
            {
                var stream = await session.Events.FetchForWriting<Student>(studentId, ct);
                entry = (stream, stream.Aggregate!);
            }
            if (!StudentAccess.CanRecord(context.Caller, entry.Current, kind.Milestone, program?.CollegeId, access, context.Today))
            {
                outcome.Errors.Add(new(row.Number, "row", "Your role does not allow recording this milestone for this student."));
                continue;
            }

            var milestoneId = DeterministicIds.For($"{context.CollegeId}|{kind.Name}|{Canonical(kind, row)}");
            if (entry.Current.Knows(milestoneId))
            {
                outcome.Skipped++;
                continue;
            }

            var decision = kind.Decide(command, entry.Current, program, context);
            if (decision.Rejection is { } rejection)
            {
                outcome.Errors.Add(new(row.Number, "row", $"{rejection.Rule}: {rejection.Reason}"));
                continue;
            }

            var milestone = decision.Milestones[0] with { MilestoneId = milestoneId };
            entry.Stream.AppendOne(milestone);
            streams[studentId] = (entry.Stream, entry.Current.Record(milestone, now));
            outcome.Applied++;
        }
        return outcome;
    }

    /// <summary>
    /// Student rows: register at this college, with a random id (never derived from public values). A number already on
    /// the college's roster is skipped, so a re-import registers nobody twice; the database's unique index on
    /// (college, number) makes that hold against a concurrent import too (<see cref="StudentNumbers"/>).
    /// </summary>
    private async Task<Outcome> RegisterAsync(IDocumentSession session, ImportKind kind, CsvRow[] batch, ImportContext context, CancellationToken ct)
    {
        var outcome = new Outcome();
        var numbers = batch.Select(r => r[ImportKind.StudentNumber]).OfType<string>().Distinct().ToArray();
        var holders = (await session.Query<Student>().Where(s => s.StudentNumber.IsOneOf(numbers)).ToListAsync(ct))
            .Where(s => s.IsAtCollege(context.CollegeId))
            .ToLookup(s => s.StudentNumber!);
        var advisorIds = batch.Select(r => Guid.TryParse(r["advisorId"], out var id) ? id : Guid.Empty).Distinct().ToArray();
        var advisors = (await session.LoadManyAsync<Advisor>(ct, advisorIds)).Select(a => a.Id).ToHashSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var row in batch)
        {
            if (Bind(kind, row, context, outcome) is not RegisterStudent command) continue;
            if (command.StudentNumber is not { } number)
            {
                outcome.Errors.Add(new(row.Number, ImportKind.StudentNumber, "A roster row needs the student number."));
                continue;
            }
            if (!advisors.Contains(command.AdvisorId!.Value))
            {
                outcome.Errors.Add(new(row.Number, "advisorId", "No advisor has this id."));
                continue;
            }

            if (holders[number].Any(s => s.CollegeId == context.CollegeId) || !seen.Add(number))
            {
                outcome.Skipped++;
                continue;
            }
            if (holders[number].Any())
            {
                outcome.Errors.Add(new(row.Number, ImportKind.StudentNumber, "Another student of this college already has this student number."));
                continue;
            }

            var registered = command.Decide(Guid.CreateVersion7(), context.Caller, context.Today) with { CollegeId = context.CollegeId };
            session.Events.StartStream<Student>(registered.StudentId, registered);
            outcome.Applied++;
        }
        return outcome;
    }

    /// <summary>Binds and shape-checks a row; errors go to the outcome, and null comes back.</summary>
    private static object? Bind(ImportKind kind, CsvRow row, ImportContext context, Outcome outcome)
    {
        var (command, errors) = RowReader.ToCommand(kind, row);
        outcome.Errors.AddRange(errors);
        if (command is null) return null;
        var shape = kind.Validate(command, context.Today);
        outcome.Errors.AddRange(shape.SelectMany(f => f.Value.Select(m => new ImportError(row.Number, f.Key, m))));
        return shape.Count == 0 ? command : null;
    }

    private static string Canonical(ImportKind kind, CsvRow row) =>
        string.Join('\u001f', kind.Columns.Select(c => row[c]?.ToUpperInvariant() ?? ""));

    private async Task<RosterImport> SaveAsync(RosterImport import, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(import);
        await session.SaveChangesAsync(ct);
        return import;
    }

    /// <summary>Done: the uploaded file (personal data) is deleted and the college may import again; counts and errors stay.</summary>
    private async Task<RosterImport> FinishAsync(RosterImport import, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var finished = import with { FinishedAt = clock.GetUtcNow() };
        session.Store(finished);
        session.Delete<ImportFile>(import.Id);
        OneImportPerCollege.Release(session, import);
        await session.SaveChangesAsync(ct);
        return finished;
    }
}
