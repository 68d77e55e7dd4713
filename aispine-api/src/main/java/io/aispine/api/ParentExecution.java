package io.aispine.api;

/**
 * The execution that started a child execution with a {@code subflow} node.
 *
 * @param execution the parent execution's id
 * @param node the path of the subflow node in the parent
 * @param depth how deep the child is nested (1 for a child of a top-level execution)
 */
public record ParentExecution(String execution, String node, int depth) {}
