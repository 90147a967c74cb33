package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A new migration takes the next number above the highest. A number below it (a gap filled, or 13.3) would be an
 * out-of-order migration to every warehouse already migrated past it, and Flyway refuses those at start: the upgrade
 * would fail for every user (docs/engineering/development.md, "Adding an endpoint").
 */
@Tag("plain")
class MigrationNumbersTests {

	/** Numbers never used, and never to be used: warehouses are migrated past them. */
	private static final Set<String> SKIPPED = Set.of("8", "9", "28", "29");
	/** Point versions from before this rule; none may be added. */
	private static final Set<String> POINT_VERSIONS = Set.of("13.1", "13.2");

	@Test
	void theMigrationsAreNumberedOneAfterAnotherWithoutFillingAGap() throws IOException {
		Set<String> versions = new TreeSet<>();
		try (Stream<Path> sql = Files.list(Path.of("sql"))) {
			sql.map(p -> p.getFileName().toString())
				.filter(name -> name.matches("V.*__.*\\.sql"))
				.forEach(name -> versions.add(AppliedMigrations.version(name.substring(1, name.indexOf("__")))));
		}
		Set<String> points = new TreeSet<>(versions);
		points.removeIf(v -> !v.contains("."));
		assertThat(points).as("point versions").isEqualTo(POINT_VERSIONS);
		int highest = versions.stream().filter(v -> !v.contains(".")).mapToInt(Integer::parseInt).max().orElseThrow();
		Set<String> expected = new TreeSet<>(POINT_VERSIONS);
		for (int v = 1; v <= highest; v++) {
			if (!SKIPPED.contains(Integer.toString(v))) {
				expected.add(Integer.toString(v));
			}
		}
		assertThat(versions).as("1 to the highest, without the skipped numbers " + SKIPPED).isEqualTo(expected);
	}
}
