namespace ProgressTracker.Students;

// The enumerations of api.md (a program's award and course categories: Colleges/ProgramVocabulary.cs). On the wire and in storage they are kebab-case strings (Infrastructure/Json.cs).

public enum CareSetting { Hospital, PhysicianOffice, NursingCare, Outpatient, HomeHealth, PublicHealth, Insurer, Vendor, Other }

public enum Specialty { Coding, RecordsManagement, Transcription, ReleaseOfInformation, CancerRegistry, DataAnalytics, Other }

public enum Intensity { FullTime, PartTime }

public enum WithdrawalReason
{
    Personal, Academic, Financial, Transfer, Deceased, PermanentDisability, MilitaryDeployment, ServiceMission, Other,
}

public enum Exam { Rhit }

/// <summary>NACE first-destination status for a graduate whose outcome is not a job.</summary>
public enum OutcomeStatus { ContinuingEducation, Military, VolunteerService, Seeking, NotSeeking }

/// <summary>Where a student stands on the pathway (domain.md section 1). Derived, never set.</summary>
public enum Stage { Exploring, GainingExperience, Enrolled, CourseworkComplete, Graduated, Credentialed, Placed, Withdrawn, Transferred }
