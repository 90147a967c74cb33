package com.webworksync.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one API item into rows of one table. Columns are matched to the API's field names, so
 * most tables need {@link #item()}; child tables pick an array and add their parent's key.
 */
@FunctionalInterface
public interface RowMapper {

	List<Row> rows(JsonNode item, Partition partition);

	/** The item is the row: every column takes the API field of the same name. */
	static RowMapper item() {
		return (item, partition) -> List.of(new Row(item, item));
	}

	/** The item is the row, with some columns derived (parsed strings, renamed fields). */
	static RowMapper item(BiConsumer<JsonNode, ObjectNode> derive) {
		return (item, partition) -> {
			ObjectNode columns = ((ObjectNode) item).deepCopy();
			derive.accept(item, columns);
			return List.of(new Row(columns, item));
		};
	}

	/**
	 * One row per element of the array {@code field}; {@code link} copies the parent's key into
	 * the child's columns.
	 */
	static RowMapper children(String field, Link link) {
		return (item, partition) -> {
			List<Row> rows = new ArrayList<>();
			for (JsonNode child : item.path(field)) {
				ObjectNode columns = child.isObject() ? ((ObjectNode) child).deepCopy() : null;
				if (columns == null) {
					continue;
				}
				link.apply(item, child, columns);
				rows.add(new Row(columns, child));
			}
			return rows;
		};
	}

	@FunctionalInterface
	interface Link {
		void apply(JsonNode parent, JsonNode child, ObjectNode columns);
	}
}
