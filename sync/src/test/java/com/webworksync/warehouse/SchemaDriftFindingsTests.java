package com.webworksync.warehouse;

import static com.webworksync.schema.webwork.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import com.webworksync.streams.Catalog;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What one page of rows says about a table's fields, on plain values: added, missing, retyped, and what is no drift. */
@Tag("plain")
class SchemaDriftFindingsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final List<String> PROJECT_FIELDS = List.of("id", "name", "owner_id", "start_date", "deadline",
			"estimation", "budget_estimation", "notes", "icon", "is_billable", "rate", "weekly_hours_limit", "screenshots",
			"contracts_count", "status", "created_at", "updated_at", "deleted_at");

	private final TableMapping projects = new Catalog().get("projects").tables().get(0);

	private ObjectNode project() {
		ObjectNode row = JSON.createObjectNode();
		PROJECT_FIELDS.forEach(field -> row.putNull(field));
		row.put("id", 7).put("name", "Apollo").put("tags", "kept in project_tags");
		return row;
	}

	private List<String> findings(JsonNode... rows) {
		FieldObservations page = new FieldObservations(projects.table(), projects.untyped());
		for (JsonNode row : rows) {
			page.row(row);
			row.propertyNames().forEach(name -> page.value(name, row.get(name)));
		}
		return SchemaDrift.findings("projects", page).stream().map(f -> f.field() + " " + f.kind() + " " + f.jsonType()).toList();
	}

	@Test
	void everyDocumentedFieldAndTheDeclaredNestedListIsNoDrift() {
		assertThat(projects.table()).isEqualTo(PROJECTS);
		assertThat(projects.untyped()).containsExactly("tags");
		assertThat(findings(project())).isEmpty();
	}

	@Test
	void aFieldWithoutAColumnIsAddedAndAFieldThatDidNotArriveIsMissing() {
		ObjectNode row = project();
		row.put("color", "#ff0000");
		row.remove("icon");
		assertThat(findings(row)).containsExactlyInAnyOrder("color ADDED null", "icon MISSING null");
	}

	@Test
	void aValueOfAKindItsColumnDoesNotTakeIsRetyped() {
		ObjectNode row = project();
		row.putArray("created_at").add("2026-01-01");
		assertThat(findings(row)).containsExactly("created_at RETYPED array");
	}

	@Test
	void aPageWithoutRowsSaysNothing() {
		assertThat(findings()).isEmpty();
	}
}
