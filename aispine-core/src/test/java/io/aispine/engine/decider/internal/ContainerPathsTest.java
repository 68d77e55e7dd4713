package io.aispine.engine.decider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.flow.FlowGraph;
import io.aispine.flow.FlowParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paths of node instances inside containers, read by {@link Scope#locate} and ordered by {@link
 * PathOrder}: a path from a store or an API call may be malformed, and must then name nothing
 * rather than throw or name the wrong node.
 */
class ContainerPathsTest {

  private static final FlowGraph GRAPH =
      FlowGraph.of(
          FlowParser.parse(
              """
              id: paths
              version: 1.0.0
              nodes:
                - id: first
                  agent: echo
                - id: refine
                  type: loop
                  needs: first
                  max_iterations: 3
                  until: "true"
                  body:
                    - {id: draft, agent: echo}
                - id: guests
                  type: foreach
                  needs: first
                  items: "${[1, 2]}"
                  body:
                    - {id: check, agent: echo}
                - id: race
                  type: fork
                  needs: first
                  branches:
                    fast:
                      - {id: quick, agent: echo}
                    slow:
                      - {id: careful, agent: echo}
                  join: {strategy: first}
              """,
              "paths.yaml"));

  @Test
  void locates_instances_in_every_kind_of_container() {
    assertThat(Scope.locate(GRAPH, "first").path()).isEqualTo("first");
    assertThat(Scope.locate(GRAPH, "refine/2/draft").path()).isEqualTo("refine/2/draft");
    assertThat(Scope.locate(GRAPH, "guests/0/check").scope().instance()).isEqualTo("0");
    assertThat(Scope.locate(GRAPH, "guests/17/check").scope().container()).isEqualTo("guests");
    assertThat(Scope.locate(GRAPH, "race/slow/careful").node().id()).isEqualTo("careful");
  }

  @Test
  void a_malformed_path_names_nothing() {
    for (String path :
        List.of(
            "refine/2", // an instance, not a node
            "nobody",
            "first/1/draft", // first is no container
            "refine/0/draft", // loop iterations count from 1
            "refine/01/draft", // no leading zeros: one instance, one path
            "refine/x/draft",
            "refine//draft",
            "refine/1234567890/draft", // more digits than an int holds
            "refine/2/nobody",
            "race/medium/quick")) {
      assertThat(Scope.locate(GRAPH, path)).as(path).isNull();
    }
  }

  @Test
  void a_child_scope_needs_a_body_instance_that_exists() {
    Scope root = Scope.root(GRAPH);

    assertThat(root.isRoot()).isTrue();
    assertThat(root.child("race", "fast").isRoot()).isFalse();
    assertThatThrownBy(() -> root.child("race", "medium"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node 'race' has no body instance 'medium'");
  }

  @Test
  void orders_paths_so_that_dependencies_and_containers_come_first() {
    List<String> paths =
        new ArrayList<>(
            List.of(
                "race/slow/careful",
                "guests/10/check",
                "guests/9/check",
                "refine/2/draft",
                "race",
                "race/fast/quick",
                "refine/1/draft",
                "guests",
                "refine",
                "first"));

    paths.sort(new PathOrder(GRAPH));

    assertThat(paths.indexOf("first")).isZero();
    assertThat(paths.indexOf("refine")).isLessThan(paths.indexOf("refine/1/draft"));
    assertThat(paths.indexOf("refine/1/draft")).isLessThan(paths.indexOf("refine/2/draft"));
    assertThat(paths.indexOf("guests/9/check")).isLessThan(paths.indexOf("guests/10/check"));
    assertThat(paths.indexOf("race/fast/quick")).isLessThan(paths.indexOf("race/slow/careful"));
  }

  @Test
  void orders_even_malformed_paths_totally_and_consistently() {
    var order = new PathOrder(GRAPH);

    assertThat(order.compare("first", "first")).isZero();
    // a container's instance without a node: shorter first
    assertThat(order.compare("refine/1", "refine/1/draft")).isNegative();
    assertThat(order.compare("refine/1/draft", "refine/1")).isPositive();
    // an instance of a node that has no body: falls back to text order, both ways
    assertThat(order.compare("first/1/a", "first/1/b")).isNegative();
    assertThat(order.compare("first/1/b", "first/1/a")).isPositive();
    // two unknown ids at the same position: by name
    assertThat(order.compare("ghost", "phantom")).isNegative();
  }
}
