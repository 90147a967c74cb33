package com.webworksync.streams;

import tools.jackson.databind.JsonNode;

/**
 * One warehouse row before conversion: {@code columns} holds values by column name (as the API
 * names them, so most rows are the API object itself), {@code raw} what lands in the raw column.
 */
public record Row(JsonNode columns, JsonNode raw) {
}
