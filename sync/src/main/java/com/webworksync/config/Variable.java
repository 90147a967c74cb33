package com.webworksync.config;

import java.util.Locale;

import org.springframework.core.env.PropertyResolver;

/**
 * One environment variable, declared once in {@link Variables}: the Spring property it binds to,
 * its default (the text, and the typed value the parser makes of it), the parser that checks a
 * given value, and a line on what it does. Its name is the property in relaxed form
 * ({@code sync.lookback-days} is {@code SYNC_LOOKBACK_DAYS}).
 *
 * @param defaultText the default as a user would write it; empty when there is none (then
 *        {@code shownDefault} says what happens instead, e.g. "none" or "required with OAuth2")
 * @param defaultValue the parser's reading of {@code defaultText}: what {@link #read} returns
 *        when the variable is not set
 * @param shownDefault the default as {@code --help} and the documentation show it
 */
public record Variable<T>(String property, String defaultText, T defaultValue, String shownDefault, Parser<T> parser,
		String meaning) {

	/**
	 * Reads and checks one value. A bad value is a {@link ConfigurationException} that starts with
	 * {@code variable} and never quotes a secret.
	 *
	 * @param variable the name to report: the variable's own, or a per-connection one such as
	 *        WEBWORK_CONNECTIONS_0_URL
	 * @param example the declared default, for messages that show an example ("such as …")
	 */
	@FunctionalInterface
	public interface Parser<T> {

		T parse(String text, String variable, String example);
	}

	/** A variable with a default value; the default itself goes through the parser. */
	public static <T> Variable<T> of(String property, String defaultText, Parser<T> parser, String meaning) {
		return new Variable<>(property, defaultText, parser.parse(defaultText, relaxed(property), defaultText), defaultText,
				parser, meaning);
	}

	/**
	 * A variable without a default value: unset, it reads as the parser's reading of an empty text
	 * (an empty list, no duration, …), and the documentation says {@code shown} instead.
	 */
	public static <T> Variable<T> without(String property, String shown, Parser<T> parser, String meaning) {
		return new Variable<>(property, "", parser.parse("", relaxed(property), ""), shown, parser, meaning);
	}

	/** SYNC_LOOKBACK_DAYS for sync.lookback-days; the per-connection family is WEBWORK_CONNECTIONS_&lt;i&gt;_NAME. */
	public String name() {
		return property.startsWith("webwork.connections") ? "WEBWORK_CONNECTIONS_<i>_NAME" : relaxed(property);
	}

	/** True when the variable has a default value (not only words such as "none"). */
	public boolean hasDefaultValue() {
		return !defaultText.isEmpty();
	}

	/** The checked value, or the default when the variable is not set. */
	public T read(PropertyResolver env) {
		String text = env.getProperty(property);
		return text == null ? defaultValue : parse(text);
	}

	/** The value as given, untrimmed and unchecked; empty when the variable is not set. */
	public String given(PropertyResolver env) {
		return env.getProperty(property, "");
	}

	/** Checks {@code text} as a value of this variable. */
	public T parse(String text) {
		return parseAs(text, name());
	}

	/** Checks {@code text} with this variable's parser, naming {@code variable} (a per-connection variant) if it is bad. */
	public T parseAs(String text, String variable) {
		return parser.parse(text, variable, defaultText);
	}

	static String relaxed(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	@Override
	public String toString() {
		return name();
	}
}
