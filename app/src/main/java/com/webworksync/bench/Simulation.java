package com.webworksync.bench;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.webworksync.sandbox.Sandbox;
import com.webworksync.warehouse.ApiValues;

import tools.jackson.databind.node.ObjectNode;
import java.util.Collections;

/**
 * One simulated working day at the source: new time for most members today, edits and deletes
 * over the last 31 days, description-only edits, and a few entries moved in time (same minutes:
 * invisible to the minute-based reports).
 */
final class Simulation {

	private final Set<String> changedMemberDays = new LinkedHashSet<>();
	private final Set<LocalDate> changedDates = new LinkedHashSet<>();
	private final Map<String, OffsetDateTime> moved = new LinkedHashMap<>();
	private int newTime;
	private int edits;
	private int deletes;
	private int descriptions;

	static Simulation oneDay(Sandbox sandbox, long ws, LocalDate today, long seed) {
		Simulation day = new Simulation();
		Random random = new Random(seed);
		ZoneId zone = sandbox.data().ownerZone(ws);
		List<ObjectNode> entries = sandbox.data().list("time_entries", ws);
		Map<Long, ObjectNode> lastEntryPerMember = new LinkedHashMap<>();
		entries.stream().filter(e -> !e.path("project_id").isNull()).forEach(e -> lastEntryPerMember.put(e.path("user_id").asLong(), e));
		for (ObjectNode member : sandbox.data().list("members", ws)) {
			ObjectNode sample = lastEntryPerMember.get(member.path("id").asLong());
			if (sample == null || !"active".equals(member.path("status").asString()) || random.nextInt(10) >= 8) {
				continue;
			}
			long taskId = sample.path("task_id").asLong(0);
			sandbox.data().addTimeEntry(ws, member.path("id").asLong(), today, LocalTime.of(22, 0), 45,
					sample.path("project_id").asLong(), taskId == 0 ? null : taskId, "evening work");
			day.changed(member.path("id").asLong(), today);
			day.newTime++;
		}
		List<ObjectNode> window = new ArrayList<>(entries.stream()
			.filter(e -> {
				LocalDate date = LocalDate.parse(e.path("date").asString());
				return date.isBefore(today) && !date.isBefore(today.minusDays(30));
			})
			.toList());
		Collections.shuffle(window, random);
		int next = 0;
		for (int i = 0; i < 10 && next < window.size(); i++, next++) {
			ObjectNode entry = window.get(next);
			sandbox.data().update("time_entries", ws, entry.path("id").asString(), e -> {
				int minutes = e.path("duration_minutes").asInt();
				if (minutes > 10) {
					e.put("duration_minutes", minutes - 5);
					e.put("end_time", shift(e.path("end_time").asString(), -5));
				}
			});
			day.changed(entry);
			day.edits++;
		}
		for (int i = 0; i < 5 && next < window.size(); i++, next++) {
			ObjectNode entry = window.get(next);
			sandbox.data().remove("time_entries", ws, entry.path("id").asString());
			day.changed(entry);
			day.deletes++;
		}
		for (int i = 0; i < 5 && next < window.size(); i++, next++) {
			ObjectNode entry = window.get(next);
			sandbox.data().update("time_entries", ws, entry.path("id").asString(),
					e -> e.put("activity_description", "edited description " + e.path("id").asString().substring(0, 8)));
			day.changed(entry);
			day.descriptions++;
		}
		for (; day.moved.size() < 3 && next < window.size(); next++) {
			ObjectNode entry = window.get(next);
			OffsetDateTime end = ApiValues.instant(entry.path("end_time").asString());
			if (end == null || end.plusMinutes(30).atZoneSameInstant(zone).toLocalTime().isAfter(LocalTime.of(23, 0))
					|| end.atZoneSameInstant(zone).toLocalTime().isBefore(LocalTime.of(1, 0))) {
				continue;
			}
			String id = entry.path("id").asString();
			sandbox.data().update("time_entries", ws, id, e -> {
				e.put("start_time", shift(e.path("start_time").asString(), 30));
				e.put("end_time", shift(e.path("end_time").asString(), 30));
			});
			day.moved.put(id, ApiValues.instant(entry.path("start_time").asString()).plusMinutes(30));
			day.changed(entry);
		}
		return day;
	}

	private static String shift(String instant, int minutes) {
		return ApiValues.instant(instant).plusMinutes(minutes).toInstant().toString();
	}

	private void changed(ObjectNode entry) {
		changed(entry.path("user_id").asLong(), LocalDate.parse(entry.path("date").asString()));
	}

	private void changed(long member, LocalDate date) {
		changedMemberDays.add(member + "@" + date);
		changedDates.add(date);
	}

	Set<String> changedMemberDays() {
		return changedMemberDays;
	}

	Set<LocalDate> changedDates() {
		return changedDates;
	}

	/** Whether the warehouse has every moved entry at its new time. */
	boolean movedCaught(ConfigurableApplicationContext context) {
		DSLContext dsl = context.getBean(DSLContext.class);
		return moved.entrySet().stream().allMatch(e -> {
			OffsetDateTime start = dsl.fetchValue("select start_time from webwork.time_entries where id = ?", e.getKey())
				instanceof OffsetDateTime t ? t : null;
			return start != null && start.toInstant().equals(e.getValue().toInstant());
		});
	}

	String describe() {
		return newTime + " members with new time, " + edits + " edits, " + deletes + " deletes, " + descriptions
				+ " description-only edits, " + moved.size() + " moved in time";
	}
}
