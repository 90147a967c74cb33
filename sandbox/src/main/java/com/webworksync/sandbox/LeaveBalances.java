package com.webworksync.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What /leaves/balances serves: per member and policy with an allowance, the allowance minus
 * approved leave inside the range, as display strings ("10 days", "4 hours", as the API documentation shows).
 */
final class LeaveBalances {

	private static final double HOURS_PER_DAY = 8;

	private LeaveBalances() {
	}

	static List<ObjectNode> compute(WorkspaceStore store, LocalDate from, LocalDate to) {
		List<ObjectNode> out = new ArrayList<>();
		for (ObjectNode member : store.items("members")) {
			String status = Json.text(member, "status");
			if ("Project viewer".equals(Json.text(member, "current_role")) || "left".equals(status)) {
				continue;
			}
			long userId = member.get("id").asLong();
			ObjectNode row = Json.object();
			row.put("user_id", userId);
			row.put("user_name", Json.text(member, "firstname") + " " + Json.text(member, "lastname"));
			ArrayNode info = row.putArray("leave_information");
			double totalDays = 0;
			boolean any = false;
			for (ObjectNode policy : store.items("leave_policies")) {
				if (policy.get("allowance") == null || policy.get("allowance").isNull()) {
					continue;
				}
				boolean hours = "hours".equals(Json.text(policy, "unit"));
				double left = Math.max(0, policy.get("allowance").asDouble() - used(store, userId, policy, from, to));
				info.addObject().put("leave_type", Json.text(policy, "name")).put("balance", display(left, hours));
				totalDays += hours ? left / HOURS_PER_DAY : left;
				any = true;
			}
			row.put("total_balance", any ? display(totalDays, false) : null);
			out.add(row);
		}
		return out;
	}

	/** Working days (or hours) of approved leaves of this policy that fall inside the range. */
	private static double used(WorkspaceStore store, long userId, ObjectNode policy, LocalDate from, LocalDate to) {
		double used = 0;
		for (ObjectNode leave : store.items("leaves")) {
			if (Json.longValue(leave, "user_id", -1) != userId || !"approved".equals(Json.text(leave, "status"))
					|| Json.longValue(leave, "policy_id", -1) != policy.get("id").asLong()) {
				continue;
			}
			LocalDate start = max(LocalDate.parse(Json.text(leave, "start_date")), from);
			LocalDate end = min(LocalDate.parse(Json.text(leave, "end_date")), to);
			if (start.isAfter(end)) {
				continue;
			}
			if ("hours".equals(Json.text(policy, "unit"))) {
				used += leave.path("total").path("hours").asDouble(0);
			}
			else {
				used += start.datesUntil(end.plusDays(1)).filter(day -> day.getDayOfWeek().getValue() <= 5).count();
			}
		}
		return used;
	}

	static String display(double amount, boolean hours) {
		String number = BigDecimal.valueOf(Json.round2(amount)).stripTrailingZeros().toPlainString();
		String unit = hours ? "hour" : "day";
		return number + " " + (amount == 1 ? unit : unit + "s");
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

}
