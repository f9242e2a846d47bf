import { useEffect } from "react";

import { isTerminal, useJob } from "../jobs";
import { href } from "../route";
import { JobSummary } from "./JobStatus";
import { Async } from "./States";

/** A job this page started, followed until it ends, with a link to its details. */
export default function FollowJob({ jobId, onFinished }: { jobId: string; onFinished?: () => void }) {
  const job = useJob(jobId);
  const terminal = isTerminal(job.data);
  useEffect(() => {
    if (terminal) onFinished?.();
  }, [terminal]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="follow-job" aria-live="polite">
      <Async {...job} what="Submitting">
        {(data) => (
          <>
            <JobSummary job={data} />
            <a href={href("jobs", data.id)}>Job details</a>
          </>
        )}
      </Async>
    </div>
  );
}
