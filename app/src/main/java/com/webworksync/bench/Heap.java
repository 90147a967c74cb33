package com.webworksync.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.webworksync.sandbox.Sandbox;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Peak live heap of a backfill, in a child JVM (so the sandbox's data is not counted): the largest
 * heap left after a full garbage collection, read from the GC log (a young collection leaves old
 * garbage in place, so only full collections measure what is live). The parent asks for a full
 * collection every {@link #SAMPLE} ({@code jcmd GC.run}): left to itself, a short run never fills
 * its old generation, so its only full collections are at startup, and a short and a long run would
 * be measured at different moments (issue 10: 20 MB vs 35 MB, while both held about 34 MB live in
 * the middle of the backfill). Compared between a base history and ten times that history, it
 * shows whether memory grows with the history (it should not: pages stream through, the plan lives
 * in the database).
 */
final class Heap {

	/** Often enough for a short run to be sampled many times, rarely enough to cost little (a full GC takes ~0.3 s). */
	private static final Duration SAMPLE = Duration.ofSeconds(5);

	private static final Pattern AFTER_GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(");

	record Result(long baseMegabytes, long tenTimesMegabytes) {
		double ratio() {
			return (double) tenTimesMegabytes / Math.max(1, baseMegabytes);
		}
	}

	private Heap() {
	}

	static Result measure(Bench bench, Sandbox sandbox, int baseDays, int days) throws Exception {
		long ws = sandbox.data().workspaceIds().get(0);
		var today = sandbox.data().today(ws);
		long base = peak(bench, sandbox, today.minusDays(baseDays - 1).toString());
		long full = peak(bench, sandbox, today.minusDays(days - 1).toString());
		return new Result(base, full);
	}

	private static long peak(Bench bench, Sandbox sandbox, String from) throws Exception {
		return peak("-Xmx192m", List.of("sync", "--from=" + from), Bench.properties(sandbox, bench.database(), 60_000));
	}

	/**
	 * Peak live heap in MB of one command in a child JVM capped at {@code maxHeap}, with the
	 * given properties as command-line options.
	 */
	static long peak(String maxHeap, List<String> args, Map<String, Object> properties) throws Exception {
		Path directory = Files.createTempDirectory("webwork-bench-heap");
		Path gcLog = directory.resolve("gc.log");
		List<String> command = new ArrayList<>(List.of(javaBinary(), maxHeap, "-Xmn24m", "-XX:+UseSerialGC",
				"-Xlog:gc:file=" + gcLog));
		String classpath = System.getProperty("java.class.path");
		if (classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)) {
			command.addAll(List.of("-jar", new File(classpath).getAbsolutePath()));
		}
		else {
			command.addAll(List.of("-cp", classpath, "com.webworksync.WebworkSyncApplication"));
		}
		command.addAll(args);
		for (Map.Entry<String, Object> property : properties.entrySet()) {
			command.add("--" + property.getKey() + "=" + property.getValue());
		}
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("out.log").toFile())
			.start();
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		while (!process.waitFor(SAMPLE.toMillis(), TimeUnit.MILLISECONDS)) {
			if (Files.isExecutable(jcmd)) {
				// a child that just exited answers with an error: the GC log has what it had
				new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start()
					.waitFor();
			}
		}
		int exit = process.exitValue();
		if (exit != 0) {
			throw new IllegalStateException("heap run exited " + exit + ": see " + directory.resolve("out.log"));
		}
		if (!Files.isExecutable(jcmd)) {
			System.out.println("  (heap: no jcmd in this Java, measured only at the full collections the child made itself)");
		}
		List<String> lines = Files.readAllLines(gcLog);
		boolean anyFull = lines.stream().anyMatch(line -> line.contains("Pause Full"));
		long peakKilobytes = 0;
		for (String line : lines) {
			Matcher m = AFTER_GC.matcher(line);
			if (m.find() && (!anyFull || line.contains("Pause Full"))) {
				peakKilobytes = Math.max(peakKilobytes, kilobytes(Long.parseLong(m.group(3)), m.group(4)));
			}
		}
		return peakKilobytes / 1024;
	}

	private static long kilobytes(long value, String unit) {
		return switch (unit) {
			case "G" -> value * 1024 * 1024;
			case "M" -> value * 1024;
			default -> value;
		};
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}
