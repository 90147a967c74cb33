-- Each run's plan gets a header row per stream: that the stream was planned, and how many partitions its plan
-- has. Before, an empty plan was remembered by a marker row named after the stream with a leading tilde.
CREATE TABLE sync.planned_streams (
    job_instance_id bigint  NOT NULL,
    stream          varchar(64) NOT NULL,
    partitions      integer NOT NULL,
    PRIMARY KEY (job_instance_id, stream)
);
COMMENT ON TABLE sync.planned_streams IS 'Which streams a run has planned, and how many partitions each plan has (in sync.planned_partitions). Written in the transaction that saves the plan, so a restart finds the plan whole or not at all; kept until the run completes.';
COMMENT ON COLUMN sync.planned_streams.job_instance_id IS 'Spring Batch job instance the plan belongs to (batch.batch_job_instance).';
COMMENT ON COLUMN sync.planned_streams.stream IS 'Stream name.';
COMMENT ON COLUMN sync.planned_streams.partitions IS 'Partitions in the plan; 0 when the stream had nothing to read.';

-- plans of runs still to be resumed, saved by an earlier version
INSERT INTO sync.planned_streams (job_instance_id, stream, partitions)
SELECT job_instance_id, CASE WHEN stream LIKE '~%' THEN substr(stream, 2) ELSE stream END, count(*) FILTER (WHERE seq >= 0)
FROM sync.planned_partitions
GROUP BY 1, 2;
DELETE FROM sync.planned_partitions WHERE stream LIKE '~%';
