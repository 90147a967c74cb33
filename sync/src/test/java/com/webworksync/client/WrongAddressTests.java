package com.webworksync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An API address that has never answered as the WebWork API is named as a configuration mistake after two tries,
 * not retried for minutes as an outage: a host that does not resolve, a port where nothing listens, a port that does
 * not speak HTTP, a web page, JSON without the envelope. Once the address has answered (in this run, or in an earlier
 * successful run), the same failures are an outage. Every server here listens on 127.0.0.1.
 */
class WrongAddressTests {

	private static final String TOKEN = "wrong-address-token-5150";

	private static WebWorkClient client(String url) {
		return new WebWorkClient(new ClientSettings(url, TOKEN, Duration.ofSeconds(2), Duration.ofSeconds(5), 6, 5,
				Duration.ofMillis(10), Duration.ofMillis(50)), new RequestBudget(60_000, Clock.systemUTC()));
	}

	/** A socket bound to a loopback port and never connected nor listening: the port is ours and refuses connections. */
	private static Socket portWhereNothingListens() throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		return socket;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	void aHostThatDoesNotResolve() {
		WebWorkClient client = client("http://no-such-host.invalid/api/v2");
		assertThatThrownBy(() -> client.page("/workspaces", Map.of(), 1, 100)).isInstanceOf(ApiException.WrongAddress.class)
			.hasMessageContaining("no-such-host.invalid does not resolve")
			.hasMessageContaining("WEBWORK_API_URL")
			.hasMessageNotContaining(TOKEN);
		assertThat(client.requests()).isEqualTo(AddressCheck.ATTEMPTS);
	}

	@Test
	void aPortWhereNothingListens() throws IOException {
		// held for the test, never listened on: refused, and no other process can take it meanwhile
		try (Socket held = portWhereNothingListens()) {
			int port = held.getLocalPort();
			WebWorkClient client = client("http://127.0.0.1:" + port + "/api/v2");
			assertThatThrownBy(() -> client.page("/workspaces", Map.of(), 1, 100)).isInstanceOf(ApiException.WrongAddress.class)
				.hasMessageContaining("nothing accepts connections at 127.0.0.1:" + port)
				.hasMessageContaining("WEBWORK_API_URL");
			assertThat(client.requests()).isEqualTo(AddressCheck.ATTEMPTS);
		}
	}

	@Test
	void aPortThatDoesNotSpeakHttp() throws Exception {
		// like PostgreSQL's port: reads what it is sent, answers with a few bytes that are not HTTP, closes
		try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			AtomicInteger connections = new AtomicInteger();
			Thread acceptor = new Thread(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						connections.incrementAndGet();
						InputStream in = socket.getInputStream();
						in.read(new byte[1024]);
						OutputStream out = socket.getOutputStream();
						out.write("EFATAL: invalid startup packet\0".getBytes(StandardCharsets.US_ASCII));
					}
					catch (IOException closed) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			WebWorkClient client = client("http://127.0.0.1:" + server.getLocalPort() + "/api/v2");
			assertThatThrownBy(() -> client.page("/workspaces", Map.of(), 1, 100))
				.isInstanceOf(ApiException.WrongAddress.class)
				.hasMessageContaining("does not answer as an HTTP API")
				.hasMessageContaining("127.0.0.1:" + server.getLocalPort());
			assertThat(connections.get()).isEqualTo(AddressCheck.ATTEMPTS);
		}
	}

	@Test
	void aWebPageAndJsonWithoutTheEnvelope() throws IOException {
		HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		web.createContext("/page", exchange -> answer(exchange, 200, "text/html", "<html><body>Welcome</body></html>"));
		web.createContext("/json", exchange -> answer(exchange, 200, "application/json", "[{\"id\": 1}]"));
		web.start();
		try {
			String base = "http://127.0.0.1:" + web.getAddress().getPort();
			assertThatThrownBy(() -> client(base + "/page").page("/workspaces", Map.of(), 1, 100))
				.isInstanceOf(ApiException.WrongAddress.class)
				.hasMessageContaining("is not the WebWork API (status 200, text/html");
			assertThatThrownBy(() -> client(base + "/json").page("/workspaces", Map.of(), 1, 100))
				.isInstanceOf(ApiException.WrongAddress.class)
				.hasMessageContaining("is not the WebWork API (status 200, application/json");
		}
		finally {
			web.stop(0);
		}
	}

	@Test
	void anAddressThatAnsweredInAnEarlierRunIsAnOutageNotAMistake() throws IOException {
		WebWorkClient client = client("http://127.0.0.1:" + freePort() + "/api/v2");
		client.answeredInEarlierRuns();
		assertThatThrownBy(() -> client.page("/workspaces", Map.of(), 1, 100)).isInstanceOf(ApiException.Unavailable.class)
			.hasMessageContaining("failed 6 times");
	}

	@Test
	void aUserAndPasswordInTheUrlAreNeverShown() {
		assertThat(AddressCheck.withoutUserInfo("https://someone:hunter2@api.example.com/api/v2"))
			.isEqualTo("https://api.example.com/api/v2");
		WebWorkClient client = client("http://someone:hunter2@no-such-host.invalid/api/v2");
		assertThatThrownBy(() -> client.page("/workspaces", Map.of(), 1, 100)).isInstanceOf(ApiException.WrongAddress.class)
			.hasMessageNotContaining("hunter2");
	}

	private static void answer(HttpExchange exchange, int status, String type, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}
}
