package com.webworksync.sandbox;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/** The one read/write lock over all of the sandbox's workspaces: requests read under it, changes write. */
final class StoreLock {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	<T> T reading(Supplier<T> work) {
		return under(lock.readLock(), work);
	}

	<T> T writing(Supplier<T> work) {
		return under(lock.writeLock(), work);
	}

	private static <T> T under(Lock held, Supplier<T> work) {
		held.lock();
		try {
			return work.get();
		}
		finally {
			held.unlock();
		}
	}
}
