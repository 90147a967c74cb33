package com.webworksync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.webworksync.SyncHarness;
import com.webworksync.TestWarehouse;
import com.webworksync.job.ExitCodes;

import tools.jackson.databind.node.ObjectNode;

/**
 * The README's three example queries ("What you get") run against a warehouse synced from the sandbox, and each answer
 * is what the webwork tables say, computed here without the views. The queries are date-relative (yesterday, last
 * month, the last 30 days), so each one and its cross-check run in one transaction: one now(), one current_date. The
 * sync covers last month whatever the date, and one active member has no time around today, so every query has rows
 * to show on any day.
 */
class ReadmeQueriesTests {

	private static final Path README = Path.of("README.md");
	private static final String SECTION = "## What you get";

	private static SyncHarness harness;
	private static long ws;
	private static long idleMember;

	@BeforeAll
	static void syncTheSandbox() {
		harness = SyncHarness.start(SyncHarness.fastOptions());
		ws = harness.sandbox().data().workspaceIds().get(0);
		LocalDate today = harness.sandbox().data().today(ws);
		// one active member tracks nothing yesterday and today, so "nothing yesterday" has an answer even if the test
		// runs across midnight, and an hour without a project two days ago: a query that looks at another day than
		// yesterday misses them, and the cost query has time without a contract to explain
		ObjectNode member = harness.sandbox().data().list("members", ws).stream()
			.filter(m -> m.path("status").asString().equals("active")
					&& !m.path("current_role").asString().equals("Project viewer"))
			.findFirst()
			.orElseThrow();
		idleMember = member.path("id").asLong();
		for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
			for (ObjectNode entry : harness.sandbox().data().entriesOn(ws, day)) {
				if (entry.path("user_id").asLong() == idleMember) {
					harness.sandbox().data().remove("time_entries", ws, entry.path("id").asString());
				}
			}
		}
		harness.sandbox().data().addTimeEntry(ws, idleMember, today.minusDays(2), LocalTime.of(9, 0), 60, null, null,
				"without a project");
		// last month in full, whichever zone says what today is
		LocalDate from = today.withDayOfMonth(1).minusMonths(1).minusDays(2);
		assertThat(harness.sync("sync", "--from=" + from)).isEqualTo(ExitCodes.OK);
	}

	@AfterAll
	static void close() {
		harness.close();
	}

	/** The ```sql blocks of the README's "What you get" section; the README has no others. */
	static List<String> readmeQueries() throws IOException {
		List<String> lines = Files.readAllLines(README);
		int start = lines.indexOf(SECTION);
		assertThat(start).as(SECTION + " in " + README).isNotNegative();
		List<String> inSection = new ArrayList<>();
		int all = 0;
		StringBuilder block = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (block == null && line.strip().equals("```sql")) {
				block = new StringBuilder();
				all++;
			}
			else if (block != null && line.strip().equals("```")) {
				if (i > start && (nextSection(lines, start) < 0 || i < nextSection(lines, start))) {
					inSection.add(block.toString());
				}
				block = null;
			}
			else if (block != null) {
				block.append(line).append('\n');
			}
		}
		assertThat(inSection).as("the example queries of " + SECTION).hasSize(3);
		assertThat(all).as("```sql blocks in the README: only the three tested ones").isEqualTo(3);
		return inSection;
	}

	private static int nextSection(List<String> lines, int start) {
		for (int i = start + 1; i < lines.size(); i++) {
			if (lines.get(i).startsWith("## ")) {
				return i;
			}
		}
		return -1;
	}

	/** The one README query that reads {@code marker}. */
	private static String query(String marker) throws IOException {
		List<String> matching = readmeQueries().stream().filter(q -> q.contains(marker)).toList();
		assertThat(matching).as("README queries reading " + marker).hasSize(1);
		return matching.get(0);
	}

	@Test
	void whoTrackedNothingYesterdayIsEveryActiveMemberWithoutTimeThatDay() throws Exception {
		String sql = query("analytics.member_days");
		inOneTransaction(connection -> {
			List<Map<String, Object>> answer = rows(connection, sql);
			LocalDate yesterday = one(connection, "select now()", Timestamp.class).toInstant()
				.atZone(harness.sandbox().data().ownerZone(ws))
				.toLocalDate()
				.minusDays(1);
			Map<Long, Long> minutes = new HashMap<>();
			for (Map<String, Object> e : rows(connection, "select user_id, coalesce(duration_minutes, 0) as minutes "
					+ "from webwork.time_entries where _deleted_at is null and date = ?", yesterday)) {
				minutes.merge(((Number) e.get("user_id")).longValue(), ((Number) e.get("minutes")).longValue(), Long::sum);
			}
			List<String> expected = new ArrayList<>();
			String idleName = null;
			for (Map<String, Object> m : rows(connection, "select id, firstname, lastname, email, status, \"current_role\" "
					+ "from webwork.members where _deleted_at is null")) {
				long id = ((Number) m.get("id")).longValue();
				String name = displayName(id, (String) m.get("firstname"), (String) m.get("lastname"), (String) m.get("email"));
				if (id == idleMember) {
					idleName = name;
				}
				if ("active".equals(m.get("status")) && !"Project viewer".equals(m.get("current_role"))
						&& minutes.getOrDefault(id, 0L) == 0) {
					expected.add(name);
				}
			}
			List<String> shown = answer.stream().map(r -> (String) r.get("display_name")).sorted().toList();
			assertThat(shown).as("who tracked nothing on %s", yesterday).isNotEmpty().contains(idleName)
				.isEqualTo(expected.stream().sorted().toList());
		});
	}

	@Test
	void hoursPerProjectLastMonthAreTheTimeEntriesOfLastMonth() throws Exception {
		String sql = query("project_name");
		inOneTransaction(connection -> {
			Map<String, BigDecimal> shown = new TreeMap<>();
			for (Map<String, Object> r : rows(connection, sql)) {
				shown.put((String) r.get("project"), (BigDecimal) r.get("hours"));
			}
			LocalDate today = one(connection, "select current_date", Date.class).toLocalDate();
			LocalDate from = today.withDayOfMonth(1).minusMonths(1);
			Map<String, Long> minutes = new TreeMap<>();
			for (Map<String, Object> e : rows(connection, "select coalesce(p.name, '(no project)') as project, "
					+ "coalesce(e.duration_minutes, 0) as minutes from webwork.time_entries e left join webwork.projects p "
					+ "on p.workspace_id = e.workspace_id and p.id = e.project_id and p._deleted_at is null "
					+ "where e._deleted_at is null and e.date >= ? and e.date < ?", from, today.withDayOfMonth(1))) {
				minutes.merge((String) e.get("project"), ((Number) e.get("minutes")).longValue(), Long::sum);
			}
			Map<String, BigDecimal> expected = new TreeMap<>();
			minutes.forEach((project, m) -> expected.put(project, hours(m)));
			assertThat(shown).as("hours per project from %s", from).isNotEmpty();
			assertThat(scaled(shown)).isEqualTo(scaled(expected));
		});
	}

	@Test
	void costPerMemberIsEachEntryAtItsContractRateAndSaysWhyTheRestHasNone() throws Exception {
		String sql = query("cost_missing_reason");
		inOneTransaction(connection -> {
			List<Map<String, Object>> answer = rows(connection, sql);
			LocalDate today = one(connection, "select current_date", Date.class).toLocalDate();
			Map<Long, String> names = new HashMap<>();
			for (Map<String, Object> m : rows(connection,
					"select id, firstname, lastname from webwork.members where _deleted_at is null")) {
				String name = (trim(m.get("firstname")) + " " + trim(m.get("lastname"))).strip();
				names.put(((Number) m.get("id")).longValue(), name.isEmpty() ? null : name);
			}
			Map<Long, BigDecimal> rates = new HashMap<>();
			Set<Long> contracts = new TreeSet<>();
			for (Map<String, Object> c : rows(connection, "select id, rate from webwork.contracts")) {
				long id = ((Number) c.get("id")).longValue();
				contracts.add(id);
				rates.put(id, (BigDecimal) c.get("rate"));
			}
			Map<String, Member> expected = new TreeMap<>();
			for (Map<String, Object> e : rows(connection, "select user_id, contract_id, coalesce(duration_minutes, 0) as minutes "
					+ "from webwork.time_entries where _deleted_at is null and date > ?", today.minusDays(30))) {
				String name = names.get(((Number) e.get("user_id")).longValue());
				Member member = expected.computeIfAbsent(key(name), k -> new Member());
				long minutes = ((Number) e.get("minutes")).longValue();
				Long contract = e.get("contract_id") == null ? null : ((Number) e.get("contract_id")).longValue();
				BigDecimal rate = contract == null ? null : rates.get(contract);
				member.minutes += minutes;
				if (rate != null) {
					BigDecimal cost = BigDecimal.valueOf(minutes).multiply(rate).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
					member.cost = member.cost == null ? cost : member.cost.add(cost);
				}
				else {
					member.unpricedMinutes += minutes;
					member.why.add(contract == null ? "no contract" : contracts.contains(contract) ? "rate not visible"
							: "contract not synced");
				}
			}
			assertThat(answer).as("members with time in the last 30 days").isNotEmpty();
			assertThat(expected.values().stream().anyMatch(m -> m.cost != null)).as("some time is priced").isTrue();
			assertThat(expected.get(key(names.get(idleMember))).why).as("the hour without a project").contains("no contract");
			Map<String, List<Object>> shown = new TreeMap<>();
			for (Map<String, Object> r : answer) {
				String why = (String) r.get("why_no_cost");
				shown.put(key((String) r.get("member_name")), Arrays.asList(scaled((BigDecimal) r.get("hours")),
						scaled((BigDecimal) r.get("cost")), scaled((BigDecimal) r.get("hours_without_cost")),
						why == null ? Set.of() : new TreeSet<>(Arrays.asList(why.split(", ")))));
			}
			Map<String, List<Object>> computed = new TreeMap<>();
			expected.forEach((name, m) -> computed.put(name, Arrays.asList(scaled(hours(m.minutes)), scaled(m.cost),
					m.unpricedMinutes == 0 && m.why.isEmpty() ? null : scaled(hours(m.unpricedMinutes)), m.why)));
			assertThat(shown).as("per member: hours, cost, hours without cost, why").isEqualTo(computed);
		});
	}

	private static final class Member {
		long minutes;
		long unpricedMinutes;
		BigDecimal cost;
		final Set<String> why = new TreeSet<>();
	}

	/** analytics.members' display name: first and last name, else the e-mail, else "member id". */
	private static String displayName(long id, String first, String last, String email) {
		String name = (trim(first) + " " + trim(last)).strip();
		return !name.isEmpty() ? name : email != null ? email : "member " + id;
	}

	private static String trim(Object text) {
		return text == null ? "" : ((String) text).strip();
	}

	private static String key(String memberName) {
		return Objects.toString(memberName, "(no name)");
	}

	/** round(minutes / 60.0, 1), as the README's queries compute hours. */
	private static BigDecimal hours(long minutes) {
		return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
	}

	private static BigDecimal scaled(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros();
	}

	private static Map<String, BigDecimal> scaled(Map<String, BigDecimal> values) {
		return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> scaled(e.getValue()), (a, b) -> a,
				TreeMap::new));
	}

	private interface Work {
		void run(Connection connection) throws SQLException;
	}

	/** One transaction, so now() and current_date are the same for a query and its cross-check. */
	private static void inOneTransaction(Work work) throws SQLException {
		try (Connection connection = TestWarehouse.connect(harness.databaseUrl())) {
			connection.setAutoCommit(false);
			try {
				work.run(connection);
			}
			finally {
				connection.rollback();
			}
		}
	}

	private static <T> T one(Connection connection, String sql, Class<T> type) throws SQLException {
		return type.cast(rows(connection, sql).get(0).values().iterator().next());
	}

	private static List<Map<String, Object>> rows(Connection connection, String sql, Object... binds) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < binds.length; i++) {
				statement.setObject(i + 1, binds[i]);
			}
			List<Map<String, Object>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				ResultSetMetaData meta = result.getMetaData();
				while (result.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int c = 1; c <= meta.getColumnCount(); c++) {
						row.put(meta.getColumnLabel(c), result.getObject(c));
					}
					rows.add(row);
				}
			}
			return rows;
		}
	}
}
