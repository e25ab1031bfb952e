namespace Perceptor.Training.Runtime;

/// <summary>What <see cref="CpuTuning.Apply"/> did to the allocator and to OpenMP's wait policy, in words.</summary>
public sealed record CpuTuningReport(string Allocator, string OpenMp);
