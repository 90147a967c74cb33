package com.webworksync.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

@Tag("plain")
class UnreachableWarehouseTests {

	@Test
	void aTimeoutCausedByARefusedConnectionIsUnreachableAndABusyPoolIsNot() {
		SQLException refused = new SQLException("Connection to localhost:1 refused", "08001");
		assertThat(UnreachableWarehouse.isUnreachable(new SQLTransientConnectionException("timed out", "08001", refused)))
			.isTrue();
		assertThat(UnreachableWarehouse.isUnreachable(new SQLTransientConnectionException("timed out (total=5, active=5)")))
			.as("a pool whose connections are all in use").isFalse();
		SQLException login = new SQLException("password authentication failed", "28P01");
		assertThat(UnreachableWarehouse.isUnreachable(new SQLTransientConnectionException("timed out", "28P01", login)))
			.as("a refused login is a configuration error, reported as it comes").isFalse();
	}

	@Test
	void afterTheServerRefusedOnceEveryRequestGetsThatFailureWithoutAskingThePoolAgain() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort(); // nothing listens there once the socket is closed
		}
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/warehouse");
		pool.setConnectionTimeout(1000);
		pool.setInitializationFailTimeout(-1);
		try (UnreachableWarehouse warehouse = new UnreachableWarehouse(pool)) {
			// on a loaded machine the pool's wait may end before its first attempt to connect has failed: that timeout
			// carries no cause, is a busy pool as far as anyone can tell, and must not trip the guard; ask again
			SQLTransientConnectionException first;
			int asked = 0;
			do {
				first = catchThrowableOfType(SQLTransientConnectionException.class, warehouse::getConnection);
				asked++;
			}
			while (!UnreachableWarehouse.isUnreachable(first) && asked < 30);
			assertThat(first.getSQLState()).as("after " + asked + " requests").startsWith("08");
			SQLException second = catchThrowableOfType(SQLException.class, warehouse::getConnection);
			assertThat((Object) second).as("the same failure, not a second wait on the pool").isSameAs(first);
			assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
		}
		assertThat(pool.isClosed()).as("closing the guard closes the pool").isTrue();
	}
}
