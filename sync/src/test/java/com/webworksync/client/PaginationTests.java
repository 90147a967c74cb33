package com.webworksync.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three pagination shapes, a full last page, an empty page. */
@Tag("plain")
class PaginationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private JsonNode body(String text) {
		return json.readTree(text);
	}

	@Test
	void metaPaginationSaysWhetherMoreFollow() {
		ApiPage first = Pagination.read(body("""
				{"success":true,"data":[{"id":1},{"id":2}],"meta":{"pagination":{"current_page":1,"last_page":2,"per_page":2,"total":3}}}"""), 1, 2, 1);
		ApiPage last = Pagination.read(body("""
				{"success":true,"data":[{"id":3}],"meta":{"pagination":{"current_page":2,"last_page":2,"per_page":2,"total":3}}}"""), 2, 2, 1);
		assertThat(first.items()).hasSize(2);
		assertThat(first.last()).isFalse();
		assertThat(last.last()).isTrue();
	}

	@Test
	void topLevelPaginationIsReadForContracts() {
		ApiPage page = Pagination.read(body("""
				{"success":true,"data":[{"id":1},{"id":2}],"meta":{},"pagination":{"current_page":1,"last_page":3,"per_page":2,"total":6}}"""), 1, 2, 1);
		assertThat(page.last()).isFalse();
		ApiPage end = Pagination.read(body("""
				{"success":true,"data":[{"id":5},{"id":6}],"meta":{},"pagination":{"current_page":3,"last_page":3,"per_page":2,"total":6}}"""), 3, 2, 1);
		assertThat(end.last()).isTrue();
	}

	@Test
	void withoutPaginationAShortPageIsTheLastAndAFullOneIsNot() {
		ApiPage full = Pagination.read(body("{\"success\":true,\"data\":[{\"id\":1},{\"id\":2}],\"meta\":{}}"), 1, 2, 1);
		ApiPage shortPage = Pagination.read(body("{\"success\":true,\"data\":[{\"id\":3}],\"meta\":{}}"), 2, 2, 1);
		assertThat(full.last()).as("a full page may be followed by more").isFalse();
		assertThat(shortPage.last()).isTrue();
	}

	@Test
	void anEmptyPageEndsTheWalkWhateverLastPageSays() {
		ApiPage empty = Pagination.read(body("""
				{"success":true,"data":[],"meta":{"pagination":{"current_page":2,"last_page":9,"per_page":2,"total":18}}}"""), 2, 2, 1);
		assertThat(empty.items()).isEmpty();
		assertThat(empty.last()).isTrue();
	}

	@Test
	void anObjectAnswerIsOneItemAndTheLast() {
		ApiPage report = Pagination.read(body("{\"success\":true,\"data\":{\"report_type\":\"tracked_hours\",\"dates\":{}}}"), 1, 100, 2);
		assertThat(report.items()).hasSize(1);
		assertThat(report.last()).isTrue();
		assertThat(report.requests()).isEqualTo(2);
	}
}
