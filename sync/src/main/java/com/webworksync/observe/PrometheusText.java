package com.webworksync.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

/**
 * A registry's meters in the Prometheus text exposition format 0.0.4, named as Micrometer's
 * Prometheus registry names them ({@code a.b} counter: {@code a_b_total}; timer:
 * {@code a_b_seconds_count}, {@code _sum}, {@code _max}).
 */
public final class PrometheusText {

	private PrometheusText() {
	}

	public static String render(MeterRegistry registry) {
		Map<String, Family> families = new TreeMap<>();
		List<Meter> meters = new ArrayList<>(registry.getMeters());
		meters.sort(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> m.getId().getTags().toString()));
		for (Meter meter : meters) {
			String base = name(meter.getId().getName());
			String help = meter.getId().getDescription();
			String labels = labels(meter.getId().getTags());
			if (meter instanceof Counter counter) {
				family(families, base + "_total", "counter", help).add(base + "_total" + labels, counter.count());
			}
			else if (meter instanceof FunctionCounter counter) {
				family(families, base + "_total", "counter", help).add(base + "_total" + labels, counter.count());
			}
			else if (meter instanceof Timer timer) {
				String seconds = base + "_seconds";
				Family summary = family(families, seconds, "summary", help);
				summary.add(seconds + "_count" + labels, timer.count());
				summary.add(seconds + "_sum" + labels, timer.totalTime(TimeUnit.SECONDS));
				family(families, seconds + "_max", "gauge", help).add(seconds + "_max" + labels, timer.max(TimeUnit.SECONDS));
			}
			else if (meter instanceof DistributionSummary summary) {
				Family family = family(families, base, "summary", help);
				family.add(base + "_count" + labels, summary.count());
				family.add(base + "_sum" + labels, summary.totalAmount());
			}
			else if (meter instanceof Gauge gauge) {
				family(families, base, "gauge", help).add(base + labels, gauge.value());
			}
		}
		StringBuilder out = new StringBuilder();
		families.forEach((name, family) -> {
			if (family.help != null && !family.help.isBlank()) {
				out.append("# HELP ").append(name).append(' ').append(family.help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
			}
			out.append("# TYPE ").append(name).append(' ').append(family.type).append('\n');
			family.samples.forEach(sample -> out.append(sample).append('\n'));
		});
		return out.toString();
	}

	private static Family family(Map<String, Family> families, String name, String type, String help) {
		return families.computeIfAbsent(name, n -> new Family(type, help));
	}

	static String name(String micrometerName) {
		String name = micrometerName.replaceAll("[^a-zA-Z0-9_:]", "_");
		return Character.isDigit(name.charAt(0)) ? "_" + name : name;
	}

	private static String labels(List<Tag> tags) {
		if (tags.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder("{");
		for (Tag tag : tags) {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append(name(tag.getKey()))
				.append("=\"")
				.append(tag.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
				.append('"');
		}
		return out.append('}').toString();
	}

	private static final class Family {

		final String type;
		final String help;
		final List<String> samples = new ArrayList<>();

		Family(String type, String help) {
			this.type = type;
			this.help = help;
		}

		void add(String series, double value) {
			samples.add(series + " " + format(value));
		}

		private static String format(double value) {
			if (Double.isNaN(value)) {
				return "NaN";
			}
			if (Double.isInfinite(value)) {
				return value > 0 ? "+Inf" : "-Inf";
			}
			if (value == Math.rint(value) && Math.abs(value) < 1e15) {
				return Long.toString((long) value);
			}
			return String.format(Locale.ROOT, "%s", value);
		}
	}
}
