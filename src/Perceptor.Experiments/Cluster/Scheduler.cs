namespace Perceptor.Experiments.Cluster;

/// <summary>Batch schedulers a job-array script can be written for.</summary>
public enum Scheduler
{
    /// <summary>Slurm: <c>#SBATCH --array=0-N</c>, task index in <c>SLURM_ARRAY_TASK_ID</c>; submit with <c>sbatch</c>.</summary>
    Slurm,

    /// <summary>Torque (and PBS derivatives that took its syntax): <c>#PBS -t 0-N</c>, index in <c>PBS_ARRAYID</c>; submit with <c>qsub</c>.</summary>
    Torque,

    /// <summary>PBS Professional / OpenPBS: <c>#PBS -J 0-N</c>, index in <c>PBS_ARRAY_INDEX</c>; submit with <c>qsub</c>.</summary>
    PbsPro,
}
