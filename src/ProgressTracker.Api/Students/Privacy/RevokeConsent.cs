using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

public static class RevokeConsentEndpoint
{
    /// <summary>
    /// DELETE /api/students/{id}/consents/{consentId}: the link stops working with this commit (every opening reads the
    /// consent). Revoking again answers 204 and keeps the first time.
    /// </summary>
    [Authorize(Policy = PrivacyAccess.StudentPolicy)]
    [WolverineDelete("/api/students/{id}/consents/{consentId}", Name = "RevokeConsent")]
    [Tags("Privacy")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(Guid id, Guid consentId, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        if (PrivacyAccess.RefuseUnlessOwn(http, id) is { } refused) return refused;
        var consent = await session.LoadAsync<Consent>(consentId, http.RequestAborted);
        if (consent is null || consent.StudentId != id) return Problems.NotFound("consent", consentId);
        if (consent.RevokedAt is null) session.Store(consent with { RevokedAt = clock.GetUtcNow() });
        return Results.NoContent();
    }

    /// <summary>GET /api/students/{id}/consents (the student, admin; beyond api.md, for the student's page).</summary>
    [Authorize(Policy = PrivacyAccess.StudentOrAdminPolicy)]
    [AdminMay]
    [WolverineGet("/api/students/{id}/consents", Name = "ListConsents")]
    [Tags("Privacy")]
    [ProducesResponseType<IReadOnlyList<ConsentView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, TimeProvider clock)
    {
        if (PrivacyAccess.RefuseUnlessOwn(http, id) is { } refused) return refused;
        var student = await session.LoadAsync<Student>(id, http.RequestAborted);
        if (student is null) return Problems.NotFound("student", id);
        if (student.Erased) return Problems.Gone(id);
        var consents = await session.Query<Consent>().Where(c => c.StudentId == id).ToListAsync(http.RequestAborted);
        var today = clock.Today();
        return Results.Ok(consents.OrderByDescending(c => c.SignedAt).Select(c => ConsentView.Of(c, today)).ToList());
    }
}
