package com.webworksync.sandbox;

/** One GET endpoint. Runs under the store's read lock and must return freshly built JSON. */
@FunctionalInterface
interface Route {

	Payload handle(Call call);

}
