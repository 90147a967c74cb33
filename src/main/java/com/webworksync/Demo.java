package com.webworksync;
final class Demo {
	static int run(String[] a, Command c, java.util.Map<String, Object> o) { throw new UnsupportedOperationException(); }
	static int serveSandbox(org.springframework.core.env.PropertyResolver e) { throw new UnsupportedOperationException(); }
}
