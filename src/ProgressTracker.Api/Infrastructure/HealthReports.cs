using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// <c>/health/ready</c> as JSON: the overall status and each check's status, description and figures (no exception
/// text, no connection strings). Unhealthy answers 503, Degraded and Healthy 200.
/// </summary>
public static class HealthReports
{
    public static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        }, Json.Http, http.RequestAborted);
    }
}
