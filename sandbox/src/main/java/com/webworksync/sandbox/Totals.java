package com.webworksync.sandbox;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.node.ObjectNode;

/** Minutes (and money) of a set of entries grouped by (project, contract), as tracked-hours and timesheets show them. */
final class Totals {

	record Line(Long projectId, String projectName, Long contractId, long minutes) {
	}

	private static final Comparator<Long> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

	private Totals() {
	}

	static List<Line> byProject(Collection<ObjectNode> entries) {
		Map<List<Long>, Line> lines = new LinkedHashMap<>();
		for (ObjectNode e : entries) {
			Long project = Json.longOrNull(e, "project_id");
			Long contract = Json.longOrNull(e, "contract_id");
			long minutes = Json.longValue(e, "duration_minutes", 0);
			lines.merge(Arrays.asList(project, contract),
					new Line(project, Json.text(e, "project_name"), contract, minutes),
					(a, b) -> new Line(a.projectId(), a.projectName(), a.contractId(), a.minutes() + b.minutes()));
		}
		return lines.values()
			.stream()
			.sorted(Comparator.comparing(Line::projectId, NULLS_FIRST).thenComparing(Line::contractId, NULLS_FIRST))
			.toList();
	}

	static long minutes(Collection<ObjectNode> entries) {
		return entries.stream().mapToLong(e -> Json.longValue(e, "duration_minutes", 0)).sum();
	}

	/** Money for a line: minutes at the contract's rate; contracts without a rate (non-billable) earn 0. */
	static double amount(Line line, WorkspaceStore store) {
		if (line.contractId() == null) {
			return 0;
		}
		ObjectNode contract = store.item("contracts", Objects.toString(line.contractId()));
		double rate = contract == null || !contract.has("rate") || contract.get("rate").isNull() ? 0
				: contract.get("rate").asDouble();
		return Json.round2(line.minutes() * rate / 60.0);
	}


	/** A project line as both the tracked-hours report and a timesheet's daily breakdown show it. */
	static ObjectNode write(ObjectNode out, Line line) {
		return out.put("project_id", line.projectId())
			.put("project_name", line.projectName())
			.put("contract_id", line.contractId())
			.put("total_minutes", line.minutes());
	}
}
