package com.webworksync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Permission-conditional fields: without rate permission, rate and amount fields are absent (not null, not 0). */
class RatesHiddenTests {

	private static final Set<String> MONEY = Set.of("rate", "rate_type", "total_amount", "amount", "currency");

	@Test
	void noRateOrAmountFieldsAnywhereWhenHidden() throws Exception {
		assertThat(moneyFields(PinnedSandbox.OPTIONS.withRatesVisible(false))).isEmpty();
	}

	/** The same walk finds them when rates are visible, so the check above can fail. */
	@Test
	void theWalkFindsThemWhenVisible() throws Exception {
		assertThat(moneyFields(PinnedSandbox.OPTIONS)).contains("/members rate", "/contracts rate",
				"/projects rate", "/timesheets total_amount", "/timesheets currency", "/reports/tracked-hours total_amount",
				"/reports/tracked-hours amount");
	}

	/** "path field" for every money field served; expense amounts are the expense itself and stay. */
	private static Set<String> moneyFields(SandboxOptions options) throws Exception {
		Set<String> found = new TreeSet<>();
		try (Sandbox sandbox = Sandbox.start(options)) {
			long ws = sandbox.data().workspaceIds().get(0);
			long project = sandbox.data().list("projects", ws).get(0).get("id").asLong();
			Api api = new Api(sandbox);
			for (Map.Entry<String, String> endpoint : Endpoints.all(ws, project).entrySet()) {
				JsonNode data = api.ok(endpoint.getValue()).data();
				assertThat(data.isEmpty()).as(endpoint.getKey() + " has data").isFalse();
				walk(data, endpoint.getKey(), found);
			}
			for (String resource : SandboxData.RESOURCES) {
				for (JsonNode item : sandbox.data().list(resource, ws)) {
					walk(item, "/" + resource.replace('_', '-'), found);
				}
			}
			found.remove("/expenses amount");
			// contract currency is the contract's own attribute, kept either way
			found.remove("/contracts currency");
		}
		return found;
	}

	private static void walk(JsonNode node, String path, Set<String> found) {
		if (node.isObject()) {
			node.properties().forEach(field -> {
				if (MONEY.contains(field.getKey())) {
					found.add(path + " " + field.getKey());
				}
				walk(field.getValue(), path, found);
			});
		}
		else if (node.isArray()) {
			node.forEach(child -> walk(child, path, found));
		}
	}

}
