package com.webworksync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import com.webworksync.TestWarehouse;
import com.webworksync.WebworkSyncApplication;
import com.webworksync.job.ExitCodes;

/**
 * The README's first command: {@code demo} syncs the built-in sandbox and prints what landed. Run
 * in-process against a test database; what it prints must be what the warehouse holds.
 */
class DemoTests {

	@Test
	void theDemoSyncsTheSandboxAndPrintsWhatLanded() throws Exception {
		String url = TestWarehouse.newDatabase();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = System.out;
		int exit;
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			exit = WebworkSyncApplication.run(new String[] { "demo" }, Map.of("warehouse.url", url, "warehouse.username",
					TestWarehouse.username(), "warehouse.password", TestWarehouse.password()));
		}
		finally {
			System.setOut(out);
		}
		String text = printed.toString(StandardCharsets.UTF_8);
		out.print(text);
		assertThat(exit).as(text).isEqualTo(ExitCodes.OK);
		Matcher total = Pattern.compile("(?m)^  total\\s+(\\d+)$").matcher(text);
		assertThat(total.find()).as("a total line:%n%s", text).isTrue();
		assertThat(text).contains("what landed in the warehouse").contains("run 1: exit code 0")
			.containsPattern("and \\d+ versions of the dimensions");
		long live = 0;
		try (Connection connection = TestWarehouse.connect(url); Statement statement = connection.createStatement()) {
			ResultSet tables = statement.executeQuery("select string_agg(format('select count(*) from webwork.%I where "
					+ "_deleted_at is null', table_name), ' union all ') from information_schema.columns "
					+ "where table_schema = 'webwork' and column_name = '_deleted_at'");
			tables.next();
			ResultSet counts = connection.createStatement().executeQuery("select sum(count) from (" + tables.getString(1) + ") c");
			counts.next();
			live = counts.getLong(1);
		}
		assertThat(Long.parseLong(total.group(1))).as("the printed total is the warehouse's live rows").isEqualTo(live)
			.isGreaterThan(1_000);
	}
}
