package com.webworksync.job;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import com.webworksync.observe.RunObserver;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;
import com.webworksync.config.Settings;

/**
 * One job, one step per stream in catalog order ({@link StreamStep}: a worker per connection). A chunk is one page:
 * its rows, its partition's ledger entry and its queue row (the checkpoint) commit in one transaction — which is why
 * the JDBC transaction manager is set explicitly (Batch 6 defaults to a resourceless one).
 */
@Configuration(proxyBeanMethods = false)
public class SyncJobConfiguration {

	public static final String JOB_NAME = "webworkSync";

	/**
	 * The job of a shard: each shard's runs resume and restart only their own, so shards can run
	 * side by side against one warehouse.
	 */
	public static String jobName(Settings.Shard shard) {
		return shard.sharded() ? JOB_NAME + "-shard-" + shard.index() + "-of-" + shard.count() : JOB_NAME;
	}

	/**
	 * The operator restarts a run by looking its job up here; this registry fills itself with the Job bean once the
	 * context's singletons exist. Lazy: it comes with the operator that needs it, so that {@code plan} and
	 * {@code status} (lazy contexts without an operator) do not build the job and its steps.
	 */
	@Bean
	@Lazy
	MapJobRegistry jobRegistry() {
		return new MapJobRegistry();
	}

	@Bean
	Catalog catalog() {
		return new Catalog();
	}

	@Bean
	Job syncJob(JobRepository repository, Catalog catalog, RunRecorder recorder, StopSignals stopSignals,
			Settings settings, RunObserver observer, HintLane hints, StreamStep streamStep) {
		SimpleJobBuilder job = null;
		for (StreamDef stream : catalog.all()) {
			Step step = streamStep.build(stream);
			job = job == null ? new JobBuilder(jobName(settings.shard()), repository).listener((JobExecutionListener) observer)
				.listener(stopSignals)
				.listener(hints)
				.listener(recorder)
				.start(step) : job.next(step);
		}
		return job.build();
	}
}
