using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace ProgressTracker.Students;

/// <summary>
/// That a college recorded term registrations for a program and term, ever (voided ones too): one small document per
/// program and term, kept inline. Reports ask it before the students' records, so that a college that records no
/// registrations (the usual case until it starts) costs the retention warning one indexed lookup, not a scan of every
/// student (the reports' `RetentionTerms`).
/// </summary>
public sealed record TermRecorded(string Id, Guid CollegeId, Guid ProgramId, string Term)
{
    public static string IdOf(Guid programId, string term) => $"{programId}:{term}";
}

/// <summary>Upserts a <see cref="TermRecorded"/> for every registration; registered inline.</summary>
public sealed partial class TermsRecordedProjection : EventProjection
{
    public void Project(IEvent<TermRegistered> e, IDocumentOperations ops) =>
        ops.Store(new TermRecorded(TermRecorded.IdOf(e.Data.ProgramId, e.Data.Term), e.Data.CollegeId, e.Data.ProgramId, e.Data.Term));
}
