package com.webworksync.config;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * {@code plan} and {@code status} start in about 4 s, and in that time HotSpot's optimizing compiler (C2) compiles some
 * 340 methods (String, HashMap, zip, ASM) for 3–4 s of CPU, taken from the two cores the start-up itself needs, that a
 * process this short never earns back. {@code -XX:TieredStopAtLevel=1} says "no C2", but a JVM flag cannot travel in
 * {@code java -jar}; a compiler directive can be added at run time, through HotSpot's diagnostic-command MBean (what
 * {@code jcmd <pid> Compiler.directives_add} calls), and keeps the quick compiler (C1). {@code plan} takes C2 back once
 * its context is up, for a large plan's own work. On a JVM without that MBean nothing changes. Measured in
 * docs/engineering/performance.md ("Start-up").
 */
public final class StartupJit {

	/** Every method, C2 excluded: the syntax of HotSpot's compiler directives (JSON with unquoted keys). */
	static final String C1_ONLY = "[{ match: \"*.*\", c2: { Exclude: true } }]";

	private static boolean added;

	private StartupJit() {
	}

	/** For the rest of the process (or until {@link #restoreC2}), methods are compiled by C1 only. */
	public static synchronized void c1Only() {
		if (added) {
			return;
		}
		try {
			Path directives = Files.createTempFile("webwork-sync-jit", ".json");
			try {
				Files.writeString(directives, C1_ONLY);
				added = diagnosticCommand("compilerDirectivesAdd", directives.toString()).contains("1 compiler directives added");
			}
			finally {
				Files.deleteIfExists(directives);
			}
		}
		catch (Exception | LinkageError ex) {
			// another JVM, a read-only temporary directory: start as usual, only slower
		}
	}

	/** Takes the directive of {@link #c1Only} back: the methods compiled from now on may be optimized by C2 again. */
	public static synchronized void restoreC2() {
		if (!added) {
			return;
		}
		try {
			diagnosticCommand("compilerDirectivesRemove");
		}
		catch (Exception | LinkageError ex) {
			// the directive stays: slower code for the rest of a short command
		}
		added = false;
	}

	/** The directives in force, as {@code jcmd <pid> Compiler.directives_print} prints them. */
	public static String directives() throws JMException {
		return diagnosticCommand("compilerDirectivesPrint");
	}

	private static String diagnosticCommand(String operation, String... arguments) throws JMException {
		Object out = ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation, new Object[] { arguments },
					new String[] { String[].class.getName() });
		return String.valueOf(out);
	}
}
