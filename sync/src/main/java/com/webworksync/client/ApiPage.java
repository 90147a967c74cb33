package com.webworksync.client;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One page of a list endpoint, or the whole answer of an object endpoint (one item).
 *
 * @param items the records of {@code data}
 * @param last whether no further page should be asked for
 * @param requests requests this page took, retries included
 */
public record ApiPage(List<JsonNode> items, boolean last, int requests) {
}
