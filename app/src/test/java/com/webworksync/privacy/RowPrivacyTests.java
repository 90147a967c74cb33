package com.webworksync.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.webworksync.config.PrivacyKey;
import com.webworksync.config.PrivacyPolicy;
import com.webworksync.streams.Catalog;
import com.webworksync.streams.Fingerprints;
import com.webworksync.streams.Partition;
import com.webworksync.streams.PersonalKind;
import com.webworksync.streams.Row;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The write path's transform on API items as the sandbox shapes them, through the catalog's own mappers. */
@Tag("plain")
class RowPrivacyTests {

	private static final Catalog CATALOG = new Catalog();
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final PrivacyKey KEY = PrivacyKey.parse(PseudonymsTests.KEY, "WEBWORK_PRIVACY_KEY");
	private static final Pseudonyms PSEUDONYMS = new Pseudonyms(KEY);

	private static RowPrivacy privacy(PrivacyPolicy policy, Map<String, PrivacyPolicy> overrides) {
		return new RowPrivacy(new PrivacySettings(policy, overrides, KEY), Erased.NOBODY);
	}

	private static List<Row> rows(String stream, int table, String item, RowPrivacy privacy) {
		TableMapping mapping = CATALOG.get(stream).tables().get(table);
		return privacy.apply(mapping, mapping.mapper().rows(JSON.readTree(item), Partition.of(1, "2026-11")), 1, 1);
	}

	private static final String MEMBER = """
			{"id": 100, "email": " John.Doe@Example.com", "firstname": "John", "lastname": "Doe", "avatar": "a.jpg",
			 "title": "Designer", "team_name": "Design Team", "rate": 40}""";

	@Test
	void keepReturnsTheMappersRowsThemselves() {
		TableMapping members = CATALOG.get("members").tables().get(0);
		List<Row> mapped = members.mapper().rows(JSON.readTree(MEMBER), Partition.of(1, "x"));
		assertThat(privacy(PrivacyPolicy.KEEP, Map.of()).apply(members, mapped, 1, 1)).isSameAs(mapped);
	}

	@Test
	void pseudonymizeReplacesTheColumnsAndRawAndLeavesTheRest() {
		JsonNode item = JSON.readTree(MEMBER);
		TableMapping members = CATALOG.get("members").tables().get(0);
		Row row = privacy(PrivacyPolicy.PSEUDONYMIZE, Map.of()).apply(members, members.mapper().rows(item, Partition.of(1, "x")), 1, 1).get(0);
		String email = PSEUDONYMS.of(PersonalKind.EMAIL, "john.doe@example.com");
		assertThat(row.columns().path("email").asString()).isEqualTo(email);
		assertThat(row.raw().path("email").asString()).isEqualTo(email);
		assertThat(row.raw().path("firstname").asString()).startsWith("k1:").hasSize(67);
		assertThat(row.raw().toString()).doesNotContain("John").doesNotContain("Doe").doesNotContain("Designer")
			.doesNotContain("a.jpg").contains("Design Team").contains("40");
		assertThat(item.path("firstname").asString()).as("the API item is left alone").isEqualTo("John");
	}

	@Test
	void samePersonSamePseudonymInMembersReportsAndContracts() {
		RowPrivacy privacy = privacy(PrivacyPolicy.PSEUDONYMIZE, Map.of());
		Row member = rows("members", 0, MEMBER, privacy).get(0);
		Row report = rows("report_activity_level", 0, """
				{"user_id": 100, "firstname": "John ", "lastname": "Doe",
				 "days": [{"date": "2026-11-02", "activity_level": 61, "tracked_minutes": 300}]}""", privacy).get(0);
		Row contract = rows("contracts", 0, """
				{"id": 7, "user_id": 100, "user_firstname": "John", "user_lastname": "Doe", "user_email": "john.doe@example.com",
				 "contract_name": "Mobile App - John Doe"}""", privacy).get(0);
		assertThat(report.columns().path("firstname")).isEqualTo(member.columns().path("firstname"));
		assertThat(report.raw().path("lastname")).isEqualTo(member.raw().path("lastname"));
		assertThat(contract.columns().path("user_email")).isEqualTo(member.columns().path("email"));
		assertThat(contract.columns().path("contract_name").asString()).startsWith("k1:");
		assertThat(report.columns().path("activity_level").asInt()).as("monitoring data kept under pseudonymize").isEqualTo(61);
	}

	@Test
	void nestedAndArrayPathsInRawAreReplaced() {
		RowPrivacy privacy = privacy(PrivacyPolicy.DROP, Map.of());
		Row timesheet = rows("timesheets", 0, """
				{"id": "tsh_1", "user_id": 100, "member": {"id": 100, "firstname": "John", "lastname": "Doe", "email": "j@x.com"},
				 "date_from": "2026-11-02", "date_to": "2026-11-08", "reject_reason": "Overlaps with approved leave",
				 "daily_breakdown": {}}""", privacy).get(0);
		assertThat(timesheet.raw().path("member").toString()).isEqualTo("{\"id\":100,\"firstname\":null,\"lastname\":null,\"email\":null}");
		assertThat(timesheet.columns().path("reject_reason").isNull()).isTrue();
		String task = """
				{"id": 5, "project_id": 9, "title": "Fix login flow", "description": "Details", "assignees": [
				  {"id": 100, "firstname": "John", "lastname": "Doe", "email": "j@x.com"},
				  {"id": 101, "firstname": "Ada", "lastname": "Li", "email": "a@x.com"}]}""";
		Row taskRow = rows("tasks", 0, task, privacy).get(0);
		assertThat(taskRow.raw().toString()).doesNotContain("John").doesNotContain("Ada").doesNotContain("@x.com")
			.doesNotContain("Details").contains("Fix login flow").contains("\"id\":101");
		List<Row> assignees = rows("tasks", 1, task, privacy);
		assertThat(assignees).hasSize(2);
		assertThat(assignees.get(1).columns().path("user_id").asLong()).isEqualTo(101);
		assertThat(assignees.get(1).columns().path("email").isNull()).isTrue();
	}

	@Test
	void theMappersRowsAreLeftAsTheyWereAndWhatIsNotPersonalIsTheSame() {
		String task = """
				{"id": 5, "project_id": 9, "title": "Fix", "description": "Details", "tags": [{"id": 1, "name": "ui"}],
				 "assignees": [{"id": 100, "firstname": "John", "lastname": "Doe", "email": "j@x.com"}, {"id": 101}]}""";
		TableMapping tasks = CATALOG.get("tasks").tables().get(0);
		List<Row> mapped = tasks.mapper().rows(JSON.readTree(task), Partition.of(1, "x"));
		String before = mapped.toString();
		Row row = privacy(PrivacyPolicy.PSEUDONYMIZE, Map.of()).apply(tasks, mapped, 1, 1).get(0);
		assertThat(mapped.toString()).as("copy on write: the mapper's rows unchanged").isEqualTo(before);
		assertThat(row.raw().path("assignees").get(0).path("email").asString()).isEqualTo(PSEUDONYMS.of(PersonalKind.EMAIL, "j@x.com"));
		assertThat(row.raw().path("assignees").get(1).toString()).isEqualTo("{\"id\":101}");
		assertThat(row.raw().path("tags")).isEqualTo(mapped.get(0).raw().path("tags"));
		assertThat(row.raw().toString()).doesNotContain("John").doesNotContain("Details");
		List<String> fields = new ArrayList<>();
		row.raw().properties().forEach(e -> fields.add(e.getKey()));
		List<String> original = new ArrayList<>();
		mapped.get(0).raw().properties().forEach(e -> original.add(e.getKey()));
		assertThat(fields).as("the fields in their order").isEqualTo(original);
	}

	@Test
	void theActivityDescriptionKeyHoldsNoUnkeyedHashOfTheDescription() {
		String item = """
				{"user_id": 100, "firstname": "John", "lastname": "Doe", "descriptions": [
				  {"date": "2026-11-02", "description": "Doctor visit", "total_minutes": 30},
				  {"date": "2026-11-02", "description": "Code review", "total_minutes": 90},
				  {"date": "2026-11-03", "description": "Doctor visit", "total_minutes": 20}]}""";
		List<Row> kept = rows("report_activity_descriptions", 0, item, privacy(PrivacyPolicy.KEEP, Map.of()));
		assertThat(kept.get(0).columns().path("grain_key").asString())
			.as("keep: as before").isEqualTo("100|2026-11-02|" + Fingerprints.md5("Doctor visit"));

		List<Row> pseudonymized = rows("report_activity_descriptions", 0, item, privacy(PrivacyPolicy.PSEUDONYMIZE, Map.of()));
		String pseudonym = pseudonymized.get(0).columns().path("description").asString();
		assertThat(pseudonymized.get(0).columns().path("grain_key").asString()).isEqualTo("100|2026-11-02|" + Fingerprints.md5(pseudonym));
		assertThat(pseudonymized.toString()).doesNotContain(Fingerprints.md5("Doctor visit")).doesNotContain("Doctor");

		List<Row> dropped = rows("report_activity_descriptions", 0, item,
				privacy(PrivacyPolicy.KEEP, Map.of("report_activity_descriptions.description", PrivacyPolicy.DROP)));
		assertThat(dropped).extracting(r -> r.columns().path("grain_key").asString())
			.as("told apart by their ordinal in the member-day").containsExactly("100|2026-11-02|#1", "100|2026-11-02|#2", "100|2026-11-03|#1");
		assertThat(dropped.get(0).columns().path("firstname").asString()).as("only the overridden field").isEqualTo("John");
	}

	@Test
	void emptyAndNullValuesStayAsTheyAre() {
		Row row = rows("members", 0, """
				{"id": 1, "email": "", "firstname": null, "lastname": "X"}""", privacy(PrivacyPolicy.PSEUDONYMIZE, Map.of())).get(0);
		assertThat(row.columns().path("email").asString()).isEmpty();
		assertThat(row.columns().path("firstname").isNull()).isTrue();
		assertThat(row.columns().has("avatar")).as("a field the API left out is not added").isFalse();
	}

	@Test
	void anErasedPersonsFieldsAreDroppedWhateverThePolicy() {
		RowPrivacy privacy = new RowPrivacy(new PrivacySettings(PrivacyPolicy.KEEP, Map.of(), null), (ws, run) -> Set.of(100L));
		Row member = rows("members", 0, MEMBER, privacy).get(0);
		assertThat(member.raw().toString()).doesNotContain("John").doesNotContain("Doe").doesNotContain("Designer")
			.contains("Design Team");
		assertThat(member.columns().path("email").isNull()).isTrue();
		assertThat(rows("members", 0, MEMBER.replace("100", "101"), privacy).get(0).columns().path("email").asString())
			.as("someone else under keep").isEqualTo(" John.Doe@Example.com");
		Row level = rows("report_activity_level", 0, """
				{"user_id": 100, "firstname": "John", "lastname": "Doe",
				 "days": [{"date": "2026-11-02", "activity_level": 61, "tracked_minutes": 300}]}""", privacy).get(0);
		assertThat(level.columns().path("activity_level").isNull()).isTrue();
		assertThat(level.columns().path("tracked_minutes").asInt()).as("the facts stay").isEqualTo(300);
		Row task = rows("tasks", 0, """
				{"id": 5, "project_id": 9, "title": "Fix", "description": "Details", "assignees": [
				  {"id": 100, "firstname": "John", "lastname": "Doe", "email": "j@x.com"},
				  {"id": 101, "firstname": "Ada", "lastname": "Li", "email": "a@x.com"}]}""", privacy).get(0);
		assertThat(task.raw().toString()).doesNotContain("John").doesNotContain("j@x.com").contains("Ada").contains("Details");
		Row expense = rows("expenses", 0, """
				{"id": "e1", "member": "John Doe", "amount": 12.5, "note": "Taxi home"}""", privacy).get(0);
		assertThat(expense.raw().toString()).as("known by the full name its member row gave").doesNotContain("John")
			.doesNotContain("Taxi").contains("12.5");
		List<Row> descriptions = rows("report_activity_descriptions", 0, """
				{"user_id": 100, "firstname": "John", "lastname": "Doe", "descriptions": [
				  {"date": "2026-11-02", "description": "Doctor visit", "total_minutes": 30}]}""", privacy);
		assertThat(descriptions.get(0).columns().path("grain_key").asString()).isEqualTo("100|2026-11-02|#1");
	}
}
