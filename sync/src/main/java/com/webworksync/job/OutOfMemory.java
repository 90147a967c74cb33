package com.webworksync.job;

/**
 * An {@link OutOfMemoryError} ends the process at once with {@link ExitCodes#OUT_OF_MEMORY}, on whichever thread it
 * is seen: the default uncaught-exception handler ({@link #install}), the workers and the planning of a stream
 * ({@link StreamStep}, {@link PageReader}, {@link PageWriter}: Spring Batch would otherwise catch it and carry on
 * with a failed step), and the command itself ({@link ExitCodes#oneLine}). Nothing more is attempted after it: no
 * rollback, no {@code sync.runs} update, no shutdown hook ({@link Runtime#halt}); the next run recovers the run
 * left STARTED and resumes it from its last committed page, as after a kill.
 *
 * <p>The image therefore runs without {@code -XX:+ExitOnOutOfMemoryError}, whose exit code 3 is the deadline's: see
 * the Dockerfile.
 */
public final class OutOfMemory {

	/** What is printed when even building the line fails: no allocation needed. */
	private static final String FALLBACK = "webwork-sync: out of memory (java.lang.OutOfMemoryError): the heap is too "
			+ "small for this run; raise the memory limit and run again; exit " + ExitCodes.OUT_OF_MEMORY;

	private OutOfMemory() {
	}

	/** For the process ({@code main}): an OutOfMemoryError no code catches ends it with its own code too. */
	public static void install() {
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
			haltIfCause(failure, "on thread " + thread.getName());
			System.err.print("Exception in thread \"" + thread.getName() + "\" "); // what the JVM prints without a handler
			failure.printStackTrace(System.err);
		});
	}

	/** The OutOfMemoryError {@code failure} is or was caused by (an I/O error of the HTTP client can wrap one), or null. */
	public static OutOfMemoryError cause(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof OutOfMemoryError error) {
				return error;
			}
		}
		return null;
	}

	/** Halts with {@link ExitCodes#OUT_OF_MEMORY} when {@code failure} is (or was caused by) an OutOfMemoryError. */
	public static void haltIfCause(Throwable failure, String where) {
		OutOfMemoryError error = cause(failure);
		if (error != null) {
			halt(error, where);
		}
	}

	/** Prints one line on stderr (what ran out, where, what to do) and halts: no hook, no cleanup, no more work. */
	public static void halt(OutOfMemoryError error, String where) {
		try {
			System.err.println("webwork-sync: " + message(error, where));
			System.err.flush();
		}
		catch (Throwable printing) {
			System.err.println(FALLBACK);
		}
		finally {
			Runtime.getRuntime().halt(ExitCodes.OUT_OF_MEMORY);
		}
	}

	/** The one line: the error, where it happened, and the fix. */
	static String message(OutOfMemoryError error, String where) {
		return "out of memory" + (where == null ? "" : " " + where) + " (" + error + "): the JVM's heap is too small "
				+ "for this run; raise the memory limit (the container's, or -Xmx for the plain jar) and run again: it "
				+ "resumes at the last committed page; exit " + ExitCodes.OUT_OF_MEMORY;
	}
}
