package com.webworksync.privacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import com.webworksync.config.ConfigurationException;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.DerivedKey;
import com.webworksync.streams.StreamDef;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code erase}: scrubs one person's personal values from every table that holds them (current rows, history, raw,
 * the report tables, the derived keys), keeping ids, minutes, dates and amounts. One transaction per workspace, with
 * its audit row in sync.erasures: a kill loses at most the workspace in flight, and running it again finishes it
 * (what is scrubbed is not found again). The write path reads sync.erasures, so later runs keep the person scrubbed.
 */
@Component
public class Eraser {

	/** What to erase: {@code as} member or viewer (the table the id must be found in), one workspace or all. */
	public record Request(String as, long personId, Long workspaceId, boolean dryRun) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DSLContext ctx;
	private final Catalog catalog;
	private final Clock clock;

	public Eraser(DSLContext ctx, Catalog catalog, Clock clock) {
		this.ctx = ctx;
		this.catalog = catalog;
		this.clock = clock;
	}

	/** Erases (or with dryRun counts) workspace by workspace; each line of {@code out} names no personal value. */
	public void run(Request request, Consumer<String> out) {
		for (long workspaceId : workspaces(request)) {
			if (request.dryRun()) {
				Map<String, Long> values = count(ctx, workspaceId, request.personId());
				if (request.as().equals("member")) {
					countHints(ctx, workspaceId, request.personId(), values);
				}
				out.accept("erase " + who(request) + " --dry-run: workspace " + workspaceId + ": would scrub " + describe(values));
				continue;
			}
			ctx.transaction(configuration -> {
				DSLContext tx = configuration.dsl();
				Map<String, Long> values = erase(tx, workspaceId, request.personId());
				if (request.as().equals("member")) {
					eraseHints(tx, workspaceId, request.personId(), values);
				}
				audit(tx, workspaceId, request, values);
				out.accept("erased " + who(request) + " in workspace " + workspaceId + ": " + describe(values));
			});
		}
	}

	private List<Long> workspaces(Request request) {
		String table = request.as().equals("viewer") ? "project_viewers" : "members";
		List<Long> found = ctx.fetch("select workspace_id from webwork." + table + " where id = ? union select workspace_id from webwork."
				+ table + "_history where id = ? union select workspace_id from sync.erasures where person_id = ? order by 1",
				request.personId(), request.personId(), request.personId()).getValues(0, Long.class);
		List<Long> chosen = request.workspaceId() == null ? found
				: found.stream().filter(ws -> ws.equals(request.workspaceId())).toList();
		if (chosen.isEmpty()) {
			throw new ConfigurationException("erase: no " + request.as() + " with id " + request.personId() + " in webwork." + table
					+ (request.workspaceId() == null ? "" : " of workspace " + request.workspaceId())
					+ ": nothing to erase (check the id with: select workspace_id, id from webwork." + table + ")");
		}
		return chosen;
	}

	/** The scrubs of every table the catalog declares personal fields for, expenses first (found by names stored elsewhere). */
	private List<Scrub> scrubs(DSLContext dsl) {
		List<Scrub> scrubs = new ArrayList<>();
		for (StreamDef stream : catalog.all()) {
			for (TableMapping mapping : stream.tables()) {
				if (!mapping.personal().isEmpty()) {
					boolean history = dsl.fetchValue("select to_regclass(?) is not null",
							"webwork." + mapping.table().getName() + "_history").equals(Boolean.TRUE);
					scrubs.addAll(Scrub.of(mapping, history));
				}
			}
		}
		return scrubs;
	}

	private Map<String, Long> count(DSLContext dsl, long workspaceId, long personId) {
		String[] names = names(dsl, workspaceId, personId);
		Map<String, Long> values = new LinkedHashMap<>();
		for (Scrub scrub : scrubs(dsl)) {
			Object person = scrub.who() != null && scrub.who().contains("any(") ? names : personId;
			long n = dsl.fetchValue(scrub.countSql(), scrub.countBinds(workspaceId, person)) instanceof Number number
					? number.longValue() : 0;
			values.merge(scrub.relation(), n, Long::sum);
		}
		values.put("sync.rekeyed_names", (long) dsl.fetch(RekeyedNames.OF_PERSON, workspaceId, personId).size());
		values.values().removeIf(n -> n == 0);
		return values;
	}

	private Map<String, Long> erase(DSLContext tx, long workspaceId, long personId) {
		Map<String, Long> values = count(tx, workspaceId, personId);
		String[] names = names(tx, workspaceId, personId); // before the rows that give them are scrubbed
		for (Scrub scrub : scrubs(tx)) {
			Object person = scrub.who() != null && scrub.who().contains("any(") ? names : personId;
			tx.execute(scrub.updateSql(), scrub.updateBinds(workspaceId, person));
		}
		tx.execute("delete from sync.rekeyed_names where workspace_id = ? and user_id = ?", workspaceId, personId);
		for (StreamDef stream : catalog.all()) {
			for (TableMapping mapping : stream.tables()) {
				if (mapping.derivedKey() != null && mapping.subject() != null && !mapping.subject().byName()) {
					long rekeyed = rekey(tx, mapping, workspaceId, personId);
					if (rekeyed > 0) {
						values.merge("webwork." + mapping.table().getName(), rekeyed, Long::sum);
					}
				}
			}
		}
		return values;
	}

	/**
	 * The member's webhook hints: when their tracker stopped is monitoring data, and a hint holds nothing a run needs
	 * once it is gone (the hourly run reads every member-day it would have named).
	 */
	private static void eraseHints(DSLContext tx, long workspaceId, long memberId, Map<String, Long> values) {
		String theirs = "select hint_id from sync.hints where workspace_id = ? and member_id = ?";
		tx.execute("delete from sync.hint_partitions where hint_id in (" + theirs + ")", workspaceId, memberId);
		int hints = tx.execute("delete from sync.hints where workspace_id = ? and member_id = ?", workspaceId, memberId);
		if (hints > 0) {
			values.merge("sync.hints", (long) hints, Long::sum);
		}
	}

	private static void countHints(DSLContext dsl, long workspaceId, long memberId, Map<String, Long> values) {
		long hints = dsl.fetchValue("select count(*) from sync.hints where workspace_id = ? and member_id = ?", workspaceId,
				memberId) instanceof Number number ? number.longValue() : 0;
		if (hints > 0) {
			values.merge("sync.hints", hints, Long::sum);
		}
	}

	/** A key derived from a scrubbed value becomes the row's ordinal among the person's rows with the same parts. */
	private static long rekey(DSLContext tx, TableMapping mapping, long workspaceId, long personId) {
		DerivedKey key = mapping.derivedKey();
		String table = "webwork." + mapping.table().getName();
		String parts = key.parts().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
		return tx.execute("with n as (select \"" + key.column() + "\" as old, concat_ws('|', " + parts + ") || '|#' || row_number() "
				+ "over (partition by " + parts + " order by \"" + key.column() + "\") as new from " + table + " where workspace_id = ? "
				+ "and \"" + mapping.subject().column() + "\" = ? and \"" + key.column() + "\" !~ '[|]#[0-9]+$') update " + table
				+ " t set \"" + key.column() + "\" = n.new from n where t.workspace_id = ? and t.\"" + key.column() + "\" = n.old",
				workspaceId, personId, workspaceId);
	}

	/**
	 * The full names the person's rows store (as kept, pseudonymized or not), and those a key rotation re-keyed
	 * ({@link RekeyedNames}): how their expenses name them.
	 */
	private static String[] names(DSLContext dsl, long workspaceId, long personId) {
		return dsl.fetch("select user_name from webwork.leave_balances where workspace_id = ? and user_id = ? and user_name is not null "
				+ "union select concat_ws(' ', firstname, lastname) from webwork.members where workspace_id = ? and id = ? "
				+ "and firstname is not null union select concat_ws(' ', firstname, lastname) from webwork.members_history "
				+ "where workspace_id = ? and id = ? and firstname is not null union " + RekeyedNames.OF_PERSON, workspaceId, personId,
				workspaceId, personId, workspaceId, personId, workspaceId, personId).getValues(0, String.class).toArray(String[]::new);
	}

	private void audit(DSLContext tx, long workspaceId, Request request, Map<String, Long> values) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		long total = values.values().stream().mapToLong(Long::longValue).sum();
		tx.execute("insert into sync.erasures (workspace_id, person_id, requested_as, erased_at, values_erased, tables, last_erased_at) "
				+ "values (?, ?, ?, ?::timestamptz, ?, ?::jsonb, ?::timestamptz) on conflict (workspace_id, person_id) do update set "
				+ "values_erased = erasures.values_erased + excluded.values_erased, last_erased_at = excluded.last_erased_at, "
				+ "tables = coalesce((select jsonb_object_agg(k, coalesce((erasures.tables->>k)::bigint, 0) + coalesce((excluded.tables->>k)::bigint, 0)) "
				+ "from (select jsonb_object_keys(erasures.tables) union select jsonb_object_keys(excluded.tables)) as keys(k)), '{}'::jsonb)",
				workspaceId, request.personId(), request.as(), now, total, JSON.writeValueAsString(values), now);
	}

	private static String who(Request request) {
		return request.as() + " " + request.personId();
	}

	private static String describe(Map<String, Long> values) {
		long total = values.values().stream().mapToLong(Long::longValue).sum();
		return total + " values in " + values.size() + " tables" + (values.isEmpty() ? ""
				: " (" + values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
	}
}
