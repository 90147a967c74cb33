package com.webworksync.job;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.webworksync.warehouse.FetchedPage;
import com.webworksync.observe.RunObserver;
import com.webworksync.plan.ChangeDetector;
import com.webworksync.plan.Planner;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.StreamDef;
import com.webworksync.warehouse.PartitionWriter;
import com.webworksync.warehouse.PlanStore;
import com.webworksync.connections.ConnectionRouter;
import com.webworksync.connections.Pools;

/**
 * One job, one chunk step per stream in catalog order. A chunk is one page: its rows, its
 * partition's ledger entry and the reader's checkpoint commit in one transaction — which is why
 * the JDBC transaction manager is set explicitly (Batch 6 defaults to a resourceless one).
 */
@Configuration
public class SyncJobConfiguration {

	public static final String JOB_NAME = "webworkSync";

	/**
	 * The job of a shard: each shard's runs resume and restart only their own, so shards can run
	 * side by side against one warehouse.
	 */
	public static String jobName(com.webworksync.config.Settings.Shard shard) {
		return shard.sharded() ? JOB_NAME + "-shard-" + shard.index() + "-of-" + shard.count() : JOB_NAME;
	}

	/** The operator restarts a run by looking its job up here; this registry fills itself with the Job bean. */
	@Bean
	MapJobRegistry jobRegistry() {
		return new MapJobRegistry();
	}

	@Bean
	Catalog catalog() {
		return new Catalog();
	}

	@Bean
	Job syncJob(JobRepository repository, PlatformTransactionManager transactions, Catalog catalog, Planner planner,
			PlanStore plans, ConnectionRouter connections, RunState runState, Progress progress, PartitionWriter writer,
			RunRecorder recorder, ChangeDetector detector, StopSignals stopSignals, com.webworksync.config.Settings settings,
			RunObserver observer, Pools pools, PoolStep poolStep) {
		SimpleJobBuilder job = null;
		for (StreamDef stream : catalog.all()) {
			Step step = pools.enabled() && stream.partitioning() != com.webworksync.streams.Partitioning.GLOBAL
					? poolStep.build(stream) : step(stream, repository, transactions, planner, plans, connections, runState,
							progress, writer, detector, stopSignals, observer);
			job = job == null ? new JobBuilder(jobName(settings.shard()), repository).listener((JobExecutionListener) observer)
				.listener(stopSignals)
				.listener(pools)
				.listener(recorder)
				.start(step) : job.next(step);
		}
		return job.build();
	}

	/** The step of one stream read by one connection per workspace: a chunk is a page. */
	private static Step step(StreamDef stream, JobRepository repository, PlatformTransactionManager transactions,
			Planner planner, PlanStore plans, ConnectionRouter connections, RunState runState, Progress progress,
			PartitionWriter writer, ChangeDetector detector, StopSignals stopSignals, RunObserver observer) {
		PartitionPageReader reader = new PartitionPageReader(stream, planner, plans, connections, runState, progress,
				stopSignals);
		PageWriter pageWriter = new PageWriter(stream, writer, detector);
		return new StepBuilder(stream.name(), repository).<FetchedPage, FetchedPage>chunk(1)
			.transactionManager(transactions)
			.listener((StepExecutionListener) observer)
			.reader(reader)
			.writer(pageWriter)
			.listener(reader)
			.listener(pageWriter)
			.build();
	}
}
