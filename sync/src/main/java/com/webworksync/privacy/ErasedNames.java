package com.webworksync.privacy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.webworksync.streams.PersonalKind;
import com.webworksync.streams.TableMapping;

import tools.jackson.databind.JsonNode;

/**
 * Which rows are an erased person's. Most rows carry the member's id; an expense names its member by full name only,
 * so the full names of the erased are learnt, in memory only, from their own rows as this process reads them (the
 * members list, read whole on every run before the expenses). Nothing of it is stored.
 */
final class ErasedNames {

	private final Map<Long, Set<String>> byWorkspace = new ConcurrentHashMap<>();

	boolean isErased(TableMapping mapping, JsonNode columns, long workspaceId, Set<Long> erased) {
		TableMapping.Subject subject = mapping.subject();
		if (subject == null || erased.isEmpty()) {
			return false;
		}
		JsonNode value = columns.path(subject.column());
		if (subject.byName()) {
			return value.isString() && byWorkspace.getOrDefault(workspaceId, Set.of()).contains(normalised(value.asString()));
		}
		if (!erased.contains(value.asLong(-1))) {
			return false;
		}
		learn(workspaceId, columns);
		return true;
	}

	private void learn(long workspaceId, JsonNode columns) {
		Set<String> names = byWorkspace.computeIfAbsent(workspaceId, ws -> ConcurrentHashMap.newKeySet());
		if (columns.path("firstname").isString() && columns.path("lastname").isString()) {
			names.add(normalised(columns.path("firstname").asString() + " " + columns.path("lastname").asString()));
		}
		if (columns.path("user_name").isString()) {
			names.add(normalised(columns.path("user_name").asString()));
		}
	}

	private static String normalised(String name) {
		return Pseudonyms.normalise(PersonalKind.NAME, name);
	}
}
