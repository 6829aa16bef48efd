namespace ProgressTracker.Colleges;

// A program's enumerations of api.md; kebab-case strings on the wire and in storage, as in Students/Vocabulary.cs.

public enum Award { Aas, As }

public enum CourseCategory
{
    English, Mathematics, Speech, MedicalTerminology, AnatomyPhysiology, ComputerApplications, HealthInformation, Elective,
}
