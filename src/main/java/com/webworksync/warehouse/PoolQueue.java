package com.webworksync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.streams.Partition;

/**
 * The shared plans of pooled workspaces (sync.pool_plans, sync.pool_partitions): one queue per stream and workspace,
 * worked by every pooled token's worker, in this process or another. Coordination is PostgreSQL only:
 * <ul>
 * <li>a plan is made under a transaction lock on (stream, workspace), so two runs never make two; a run joins an open
 * plan that is its own (a restart) or that another live run works, and supersedes one nobody works any more;</li>
 * <li>a run holds a shared session lock on each plan it works (that is what "live" means), and a worker holds an
 * exclusive session lock on the partition it reads. PostgreSQL drops both with the session, so a killed pod's
 * partition is free at once and the next worker resumes it at the page after the last one committed;</li>
 * <li>a partition's next page and its requests commit with the page's rows ({@link #progress}).</li>
 * </ul>
 */
@Component
public class PoolQueue {

	/** First key of the planning locks ("wwpl"); WarehouseLock's are "wwsc". */
	private static final int PLANNING = 0x7777706c;
	private static final int LIVE = Integer.MAX_VALUE;
	private static final int BATCH = 64;

	private final DataSource dataSource;
	private final DSLContext ctx;
	private final java.time.Clock clock;

	public PoolQueue(DataSource dataSource, DSLContext ctx, java.time.Clock clock) {
		this.dataSource = dataSource;
		this.ctx = ctx;
		this.clock = clock;
	}

	/** A partition a worker holds: its plan and place, and where its read stands. */
	public static final class Claim {

		private final long planId;
		private final int seq;
		private final Partition partition;
		private int nextPage;
		private int requests;

		Claim(long planId, int seq, Partition partition, int nextPage, int requests) {
			this.planId = planId;
			this.seq = seq;
			this.partition = partition;
			this.nextPage = nextPage;
			this.requests = requests;
		}

		public Partition partition() {
			return partition;
		}

		public int nextPage() {
			return nextPage;
		}

		public int requests() {
			return requests;
		}

		/** A page was read: the next one, and the partition's requests so far. */
		public void advance(int pageRequests) {
			nextPage++;
			requests += pageRequests;
		}
	}

	/**
	 * The run's part in one stream's pooled plans: made here (by {@code planner}, per workspace) or joined. Holds the
	 * session that marks them live until closed.
	 */
	public final class Planning implements AutoCloseable {

		private final Connection session;
		private final List<Long> plans = new ArrayList<>();

		private Planning(Connection session) {
			this.session = session;
		}

		public List<Long> plans() {
			return List.copyOf(plans);
		}

		private void work(long planId) throws SQLException {
			if (!plans.contains(planId)) {
				plans.add(planId);
				execute(session, "select pg_advisory_lock_shared(?)", key(planId, LIVE));
			}
		}

		@Override
		public void close() throws SQLException {
			session.close(); // its shared locks go with it
		}
	}

	/**
	 * Plans or joins a stream's pooled plans. {@code planner} hands partitions to its sink grouped by workspace (as the
	 * planner does); a workspace with an open plan that is this job instance's own or that a live run works is joined
	 * and its new partitions dropped, else its partitions become a new plan (an abandoned one is closed). Open plans
	 * of workspaces {@code eligible} accepts that the planner had nothing for are joined too, when live.
	 */
	public Planning planOrJoin(String stream, long jobInstanceId, long runId, Consumer<Consumer<Partition>> planner,
			LongPredicate eligible) throws SQLException {
		Planning planning = new Planning(dataSource.getConnection());
		try (Connection planConnection = dataSource.getConnection()) {
			planConnection.setAutoCommit(false);
			PlanWriter writer = new PlanWriter(planConnection, planning, stream, jobInstanceId, runId);
			planner.accept(writer::accept);
			writer.finish();
			for (long[] open : openPlans(planConnection, stream)) {
				if (eligible.test(open[1]) && (open[2] == jobInstanceId || live(planConnection, open[0]))) {
					planning.work(open[0]);
				}
			}
			planConnection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			planning.close();
			throw ex;
		}
		return planning;
	}

	/** Writes one workspace's partitions at a time, each workspace in its own transaction under its planning lock. */
	private final class PlanWriter {

		private final Connection connection;
		private final Planning planning;
		private final String stream;
		private final long jobInstanceId;
		private final long runId;
		private long workspace = -1;
		private long planId = -1; // -1: joined an existing plan, its new partitions are dropped
		private int seq;
		private final List<Partition> batch = new ArrayList<>();

		PlanWriter(Connection connection, Planning planning, String stream, long jobInstanceId, long runId) {
			this.connection = connection;
			this.planning = planning;
			this.stream = stream;
			this.jobInstanceId = jobInstanceId;
			this.runId = runId;
		}

		void accept(Partition partition) {
			try {
				if (partition.workspaceId() != workspace) {
					finish();
					start(partition.workspaceId());
				}
				if (planId >= 0) {
					batch.add(partition);
					if (batch.size() == PlanStore.SLICE) {
						flush();
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not save the pooled plan of " + stream + ": " + ex.getMessage(), ex);
			}
		}

		private void start(long workspaceId) throws SQLException {
			workspace = workspaceId;
			seq = 0;
			execute(connection, "select pg_advisory_xact_lock(?, ?)", PLANNING, (stream + "@" + workspaceId).hashCode());
			for (long[] open : openPlans(connection, stream)) {
				if (open[1] != workspaceId) {
					continue;
				}
				if (open[2] == jobInstanceId || live(connection, open[0])) {
					planId = -1;
					planning.work(open[0]);
					return;
				}
				// nobody works it any more (a run stopped or gave up): what it read is in the ledger, plan afresh
				close(connection, open[0]);
			}
			try (PreparedStatement insert = connection.prepareStatement("insert into sync.pool_plans (stream, workspace_id, "
					+ "job_instance_id, run_id, planned_at, partitions) values (?, ?, ?, ?, ?, 0) returning plan_id")) {
				insert.setString(1, stream);
				insert.setLong(2, workspaceId);
				insert.setLong(3, jobInstanceId);
				insert.setLong(4, runId);
				insert.setObject(5, OffsetDateTime.now(clock));
				try (ResultSet id = insert.executeQuery()) {
					id.next();
					planId = id.getLong(1);
				}
			}
			planning.work(planId); // live before anyone else can see it
		}

		private void flush() throws SQLException {
			if (batch.isEmpty()) {
				return;
			}
			try (PreparedStatement insert = connection.prepareStatement(
					"insert into sync.pool_partitions (plan_id, seq, partition_key, params) values (?, ?, ?, ?)")) {
				for (Partition partition : batch) {
					insert.setLong(1, planId);
					insert.setInt(2, seq++);
					insert.setString(3, partition.key());
					insert.setString(4, partition.paramsText());
					insert.addBatch();
				}
				insert.executeBatch();
			}
			batch.clear();
		}

		void finish() throws SQLException {
			if (workspace < 0) {
				return;
			}
			if (planId >= 0) {
				flush();
				execute(connection, "update sync.pool_plans set partitions = ? where plan_id = ?", seq, planId);
			}
			connection.commit();
			workspace = -1;
		}
	}

	/** A worker's session: the partitions it holds are locked on it. */
	public Session session() throws SQLException {
		return new Session(dataSource.getConnection());
	}

	public final class Session implements AutoCloseable {

		private final Connection connection;
		private boolean waiting;
		private int cursor;

		private Session(Connection connection) {
			this.connection = connection;
		}

		/**
		 * The first free partition of {@code plans} (lowest position first: the freshest) whose workspace
		 * {@code eligible} accepts, locked for this worker; null when there is none. {@link #waiting()} then says whether
		 * undone partitions are still held by other workers (which may die: ask again later).
		 */
		public Claim claim(List<Long> plans, LongPredicate eligible) throws SQLException {
			waiting = false;
			if (plans.isEmpty()) {
				return null;
			}
			for (int pass = 0; pass < 2; pass++) {
				int from = pass == 0 ? cursor : 0;
				long fromPlan = 0;
				while (true) {
					List<Object[]> rows = undone(plans, from, fromPlan);
					for (Object[] row : rows) {
						long planId = (Long) row[0];
						int seq = (Integer) row[1];
						long workspace = (Long) row[4];
						if (!eligible.test(workspace)) {
							continue;
						}
						waiting = true;
						if (!tryLock(planId, seq)) {
							continue;
						}
						Claim claim = reread(planId, seq, workspace, (String) row[2], (String) row[3]);
						if (claim != null) {
							cursor = seq;
							waiting = false;
							return claim;
						}
						unlock(planId, seq);
					}
					if (rows.size() < BATCH) {
						break;
					}
					from = (Integer) rows.get(rows.size() - 1)[1];
					fromPlan = (Long) rows.get(rows.size() - 1)[0] + 1;
				}
			}
			return null;
		}

		/** After a {@link #claim} that found nothing: undone partitions of eligible workspaces are held by others. */
		public boolean waiting() {
			return waiting;
		}

		private List<Object[]> undone(List<Long> plans, int fromSeq, long fromPlan) throws SQLException {
			List<Object[]> rows = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement("select p.plan_id, p.seq, p.partition_key, p.params, "
					+ "pl.workspace_id from sync.pool_partitions p join sync.pool_plans pl using (plan_id) "
					+ "where p.plan_id = any (?) and not p.done and (p.seq, p.plan_id) >= (?, ?) order by p.seq, p.plan_id limit "
					+ BATCH)) {
				select.setArray(1, connection.createArrayOf("bigint", plans.toArray()));
				select.setInt(2, fromSeq);
				select.setLong(3, fromPlan);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						rows.add(new Object[] { rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5) });
					}
				}
			}
			return rows;
		}

		/** Under the lock, where the partition stands now (another worker may have finished it, or died in it). */
		private Claim reread(long planId, int seq, long workspace, String key, String params) throws SQLException {
			try (PreparedStatement select = connection.prepareStatement(
					"select next_page, requests, done from sync.pool_partitions where plan_id = ? and seq = ?")) {
				select.setLong(1, planId);
				select.setInt(2, seq);
				try (ResultSet rs = select.executeQuery()) {
					if (!rs.next() || rs.getBoolean(3)) {
						return null;
					}
					return new Claim(planId, seq, Partition.parse(workspace, key, params), rs.getInt(1), rs.getInt(2));
				}
			}
		}

		private boolean tryLock(long planId, int seq) throws SQLException {
			try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
				lock.setLong(1, key(planId, seq));
				try (ResultSet rs = lock.executeQuery()) {
					rs.next();
					return rs.getBoolean(1);
				}
			}
		}

		/** Lets the partition go: after its last page committed, or for another worker to carry on. */
		public void release(Claim claim) throws SQLException {
			unlock(claim.planId, claim.seq);
		}

		private void unlock(long planId, int seq) throws SQLException {
			execute(connection, "select pg_advisory_unlock(?)", key(planId, seq));
		}

		@Override
		public void close() throws SQLException {
			connection.close();
		}
	}

	/** In the page's transaction (the chunk's): where the claimed partition's read now stands. */
	public void progress(Claim claim, boolean done, String worker) {
		ctx.execute("update sync.pool_partitions set next_page = ?, requests = ?, done = ?, worked_by = ? "
				+ "where plan_id = ? and seq = ?", claim.nextPage, claim.requests, done, worker, claim.planId, claim.seq);
	}

	/** Partitions of the plans, and how many are done. */
	public int[] counts(List<Long> plans) {
		if (plans.isEmpty()) {
			return new int[] { 0, 0 };
		}
		var row = ctx.fetchOne("select count(*)::int, (count(*) filter (where done))::int from sync.pool_partitions "
				+ "where plan_id = any (?::bigint[])", (Object) plans.toArray(new Long[0]));
		return new int[] { row.get(0, Integer.class), row.get(1, Integer.class) };
	}

	/** Closes the plans whose every partition is done (their queues are emptied); returns how many stay open. */
	public int closeFinished(List<Long> plans) throws SQLException {
		int open = 0;
		try (Connection connection = dataSource.getConnection()) {
			for (long planId : plans) {
				boolean undone;
				try (PreparedStatement select = connection
					.prepareStatement("select exists (select 1 from sync.pool_partitions where plan_id = ? and not done)")) {
					select.setLong(1, planId);
					try (ResultSet rs = select.executeQuery()) {
						rs.next();
						undone = rs.getBoolean(1);
					}
				}
				if (undone) {
					open++;
				}
				else {
					close(connection, planId);
				}
			}
		}
		return open;
	}

	private void close(Connection connection, long planId) throws SQLException {
		execute(connection, "update sync.pool_plans set closed_at = ? where plan_id = ? and closed_at is null",
				OffsetDateTime.now(clock), planId);
		execute(connection, "delete from sync.pool_partitions where plan_id = ?", planId);
		execute(connection, "delete from sync.pool_plans where closed_at < ?", OffsetDateTime.now(clock).minusDays(7));
	}

	/** Open plans of a stream: (plan id, workspace, job instance). */
	private static List<long[]> openPlans(Connection connection, String stream) throws SQLException {
		List<long[]> open = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("select plan_id, workspace_id, job_instance_id from "
				+ "sync.pool_plans where stream = ? and closed_at is null order by plan_id")) {
			select.setString(1, stream);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					open.add(new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) });
				}
			}
		}
		return open;
	}

	/** Some run holds the plan's shared lock: it works the plan now. */
	private static boolean live(Connection connection, long planId) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
			lock.setLong(1, key(planId, LIVE));
			try (ResultSet rs = lock.executeQuery()) {
				rs.next();
				return !rs.getBoolean(1);
			}
		}
	}

	private static long key(long planId, int seq) {
		return (planId << 32) | (seq & 0xffffffffL);
	}

	private static void execute(Connection connection, String sql, Object... binds) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < binds.length; i++) {
				statement.setObject(i + 1, binds[i]);
			}
			statement.execute();
		}
	}

	/** For messages and tests: the open plans of a stream, plan id to workspace. */
	public Map<Long, Long> open(String stream) throws SQLException {
		Map<Long, Long> open = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			for (long[] plan : openPlans(connection, stream)) {
				open.put(plan[0], plan[1]);
			}
		}
		return open;
	}
}
