import type { Job, JobStatus } from "../types";

export function StatusBadge({ status }: { status: JobStatus }) {
  return <span className={`badge badge-${status}`}>{status}</span>;
}

export function ProgressBar({ fraction, label }: { fraction: number; label?: string }) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={label ?? "progress"}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-text">{percent} %</span>
    </div>
  );
}

export function JobSummary({ job }: { job: Job }) {
  return (
    <div className="job-summary" data-testid="job-summary" data-status={job.status}>
      <StatusBadge status={job.status} /> <code>{job.kind}</code>
      <ProgressBar fraction={job.progress.fraction} label={`${job.kind} progress`} />
      {job.progress.message && <small>{job.progress.message}</small>}
      {job.error && (
        <small className="error-text">
          {job.error.code}: {job.error.message}
        </small>
      )}
    </div>
  );
}
