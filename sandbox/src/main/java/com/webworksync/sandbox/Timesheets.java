package com.webworksync.sandbox;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Fills a timesheet copy's totals and daily_breakdown from the entries as they are now. */
final class Timesheets {

	private Timesheets() {
	}

	static ObjectNode refresh(ObjectNode sheet, WorkspaceStore store, boolean ratesVisible) {
		String from = Json.text(sheet, "date_from");
		String to = Json.text(sheet, "date_to");
		Long user = Json.longOrNull(sheet, "user_id");
		if (from == null || to == null || user == null) {
			return sheet;
		}
		Map<String, List<ObjectNode>> byDay = store.entriesOf(user, LocalDate.parse(from), LocalDate.parse(to))
			.stream()
			.collect(Collectors.groupingBy(e -> e.get("date").asString(), TreeMap::new, Collectors.toList()));
		ObjectNode breakdown = sheet.putObject("daily_breakdown");
		long minutes = 0;
		double amount = 0;
		for (Map.Entry<String, List<ObjectNode>> day : byDay.entrySet()) {
			ArrayNode lines = breakdown.putArray(day.getKey());
			for (Totals.Line line : Totals.byProject(day.getValue())) {
				ObjectNode out = Totals.write(lines.addObject(), line);
				minutes += line.minutes();
				if (ratesVisible) {
					double lineAmount = Totals.amount(line, store);
					out.put("total_amount", lineAmount);
					amount += lineAmount;
				}
			}
		}
		sheet.put("total_minutes", minutes);
		sheet.put("total_hours", Json.round2(minutes / 60.0));
		if (ratesVisible) {
			sheet.put("total_amount", Json.round2(amount));
		}
		return sheet;
	}

}
